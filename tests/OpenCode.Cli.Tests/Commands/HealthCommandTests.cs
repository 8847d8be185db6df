using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class HealthCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Health_Json_HealthyServer_ReportsStatusLatencyEndpointAndExits0()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("health", "--endpoint", server.Url + "/v1", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        root.GetProperty("healthy").GetBoolean().ShouldBeTrue();
        root.GetProperty("statusCode").GetInt32().ShouldBe(200);
        root.GetProperty("status").GetString().ShouldBe("ok");
        root.GetProperty("latencyMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        root.GetProperty("endpoint").GetString().ShouldBe(server.Url + "/");
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_NothingListening_ReportsUnhealthyAndExits4()
    {
        var result = await CliRun.RunAsync("health", "--endpoint", "http://127.0.0.1:1", "--json");

        result.ExitCode.ShouldBe(4, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("healthy").GetBoolean().ShouldBeFalse();
        document.RootElement.GetProperty("statusCode").GetInt32().ShouldBe(0);
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_Text_PrintsStatusAndLatency()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("health", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldStartWith("healthy: ok");
        result.Stdout.ShouldContain("latency: ");
    }
}
