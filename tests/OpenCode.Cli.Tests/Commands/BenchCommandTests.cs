using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Bench_Json_RunsThePromptOnEveryModelAndSortsByLatency()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fake-coder", "other-coder"] });

        var result = await CliRun.RunAsync("bench", "def fib(n):", "--runs", "2", "--max-tokens", "8", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("model").GetString()).Order().ShouldBe(["fake-coder", "other-coder"]);
        rows.ShouldAllBe(r => r.GetProperty("requests").GetInt32() == 2 && r.GetProperty("errors").GetInt32() == 0);
        var latencies = rows.Select(r => r.GetProperty("latencyMsP50").GetDouble()).ToList();
        latencies.ShouldBe(latencies.Order().ToList());
        var prompts = server.Requests.Where(r => r.Path == "/v1/completions").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        prompts.Count.ShouldBe(4);
        prompts.ShouldAllBe(p => p.GetProperty("prompt").GetString() == "def fib(n):" && p.GetProperty("max_tokens").GetInt32() == 8);
    }

    [Fact(Timeout = 30_000)]
    public async Task Bench_Instances_MeasuresEveryModelOfEveryEndpointAndLeavesOutOneThatIsDown()
    {
        await using var first = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fast-coder"] });
        await using var second = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["big-coder", "fast-coder"] });
        var config = await InstancesConfigAsync(first, second);

        var result = await CliRun.RunAsync("bench", "--runs", "1", "--max-tokens", "4", "--config", config, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().Select(r => (Endpoint: r.GetProperty("endpoint").GetString()!.TrimEnd('/'), Model: r.GetProperty("model").GetString())).ToList();
        rows.ShouldBe(
            [(first.Url.TrimEnd('/'), "fast-coder"), (second.Url.TrimEnd('/'), "big-coder"), (second.Url.TrimEnd('/'), "fast-coder")],
            ignoreOrder: true);
        result.Stderr.ShouldContain("instance gone: ");
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_Instances_ListsEachInstancesModelsAndWarnsAboutOneThatIsDown()
    {
        await using var first = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fast-coder"] });
        await using var second = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["big-coder"] });
        var config = await InstancesConfigAsync(first, second);

        var json = await CliRun.RunAsync("models", "--config", config, "--json");
        var table = await CliRun.RunAsync("models", "--config", config);

        json.ExitCode.ShouldBe(0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        document.RootElement.EnumerateArray().Select(m => (m.GetProperty("instance").GetString(), m.GetProperty("id").GetString()))
            .ShouldBe([("gpu-1", "fast-coder"), ("gpu-2", "big-coder")]);
        json.Stderr.ShouldContain("instance gone: ");
        table.Stdout.ShouldContain("instance");
        table.Stdout.ShouldContain("gpu-2");
    }

    [Fact(Timeout = 30_000)]
    public async Task Bench_Table_ShowsTtftTokensPerSecondAndLatency()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("bench", "--runs", "1", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("ttft p50");
        result.Stdout.ShouldContain("tokens/s");
        result.Stdout.ShouldContain("latency p50");
        result.Stdout.ShouldContain("fake-coder");
    }

    [Fact(Timeout = 30_000)]
    public async Task Bench_RunsOutOfRange_ExitsTwo()
    {
        var result = await CliRun.RunAsync("bench", "--runs", "0", "--endpoint", "http://127.0.0.1:9");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("--runs: 0 is out of range");
    }

    /// <summary>A config with two running instances and a third whose server has stopped.</summary>
    private static async Task<string> InstancesConfigAsync(FakeOpenAiServer first, FakeOpenAiServer second)
    {
        var down = await FakeOpenAiServer.StartAsync();
        var downUrl = down.Url;
        await down.DisposeAsync();
        return CliRun.ConfigFile($$"""
            {"instances": [
              {"name": "gpu-1", "apiEndpoint": "{{first.Url}}"},
              {"name": "gpu-2", "apiEndpoint": "{{second.Url}}"},
              {"name": "gone", "apiEndpoint": "{{downUrl}}"}]}
            """);
    }
}
