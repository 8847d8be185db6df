using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class ModelsCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Models_Json_LoadedModelGetsRuntimeContextOthersTheirOwn()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fake-coder", "other-coder"], PropsContextWindow = 8192 });

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var models = document.RootElement.EnumerateArray().ToList();
        models.Select(m => m.GetProperty("id").GetString()).ShouldBe(["fake-coder", "other-coder"]);
        models[0].GetProperty("contextWindow").GetInt32().ShouldBe(8192);
        models[0].GetProperty("trainingContextWindow").GetInt32().ShouldBe(16384);
        models[0].GetProperty("parameterCount").GetInt64().ShouldBe(1_500_000_000);
        models[0].GetProperty("ownedBy").GetString().ShouldBe("llamacpp");
        models[1].GetProperty("contextWindow").GetInt32().ShouldBe(32768);
        models[1].GetProperty("trainingContextWindow").ValueKind.ShouldBe(JsonValueKind.Null);
        models[1].GetProperty("ownedBy").GetString().ShouldBe("vllm");
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_Table_ShowsIdContextParamsAndSize()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        var row = result.Stdout.Split('\n').Single(line => line.Contains("fake-coder", StringComparison.Ordinal));
        row.ShouldContain("8,192");
        row.ShouldContain("1.5B");
        row.ShouldContain("900 MiB");
    }
}
