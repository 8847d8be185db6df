using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class ModelStatsTests
{
    [Fact(Timeout = 30_000)]
    public async Task ModelsStats_Json_MeasuresEachModelOnce()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fake-coder", "other-coder"] });

        var result = await CliRun.RunAsync("models", "--stats", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("model").GetString()).Order().ShouldBe(["fake-coder", "other-coder"]);
        foreach (var row in rows)
        {
            row.GetProperty("requests").GetInt32().ShouldBe(1);
            row.GetProperty("errors").GetInt32().ShouldBe(0);
            row.GetProperty("latencyMsP50").GetDouble().ShouldBeGreaterThan(0);
            row.GetProperty("timeToFirstTokenMsP50").GetDouble().ShouldBeGreaterThan(0);
            row.GetProperty("tokensPerSecond").ValueKind.ShouldBe(JsonValueKind.Number);
        }

        server.Requests.Count(r => r.Path == "/v1/completions").ShouldBe(2);
        server.LastBody("/v1/completions").GetProperty("model").GetString().ShouldBe("other-coder");
    }

    [Fact(Timeout = 30_000)]
    public async Task ModelsStats_Table_ShowsModelAndErrorsColumn()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("models", "--stats", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("tokens/s");
        result.Stdout.Split('\n').Single(line => line.Contains("fake-coder", StringComparison.Ordinal)).ShouldContain("0/1");
    }
}
