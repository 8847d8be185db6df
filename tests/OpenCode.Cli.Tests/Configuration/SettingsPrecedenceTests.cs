using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Configuration;

public sealed class SettingsPrecedenceTests
{
    private const string DeadEndpoint = "http://127.0.0.1:1";

    [Fact(Timeout = 30_000)]
    public async Task ConfigFile_TimeoutOutOfRange_Exits2NamingSettingAndRange()
    {
        var config = CliRun.ConfigFile("""{ "apiEndpoint": "http://127.0.0.1:1", "timeout": 1 }""");

        var result = await CliRun.RunAsync("chat", "hi", "--config", config);

        result.ExitCode.ShouldBe(2, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldContain("timeout");
        line.ShouldContain("5000 to 300000");
        line.ShouldEndWith("[INVALID_CONFIGURATION]");
    }

    [Fact(Timeout = 30_000)]
    public async Task EnvironmentVariable_TimeoutOutOfRange_Exits2NamingSettingAndRange()
    {
        var result = await CliRun.RunAsync(["chat", "hi", "--endpoint", DeadEndpoint], new Dictionary<string, string> { ["TIMEOUT"] = "1" }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(2, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldContain("timeout: 1 is out of range; allowed 5000 to 300000");
    }

    [Fact(Timeout = 30_000)]
    public async Task EnvironmentVariable_Endpoint_OverridesConfigFile()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var config = CliRun.ConfigFile($$"""{ "apiEndpoint": "{{DeadEndpoint}}" }""");

        var result = await CliRun.RunAsync(["chat", "hi", "--config", config], new Dictionary<string, string> { ["APIENDPOINT"] = server.Url }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe(FakeResponses.ChatText + Environment.NewLine);
    }

    [Fact(Timeout = 30_000)]
    public async Task CommandLineEndpoint_OverridesEnvironmentVariable()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync(["chat", "hi", "--endpoint", server.Url], new Dictionary<string, string> { ["APIENDPOINT"] = DeadEndpoint }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task ConfigFile_Model_IsUsedWhenNoOptionGiven()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fake-coder", "other-coder"] });
        var config = CliRun.ConfigFile($$"""{ "apiEndpoint": "{{server.Url}}", "models": { "defaultModel": "other-coder" } }""");

        var result = await CliRun.RunAsync("chat", "hi", "--config", config);

        result.ExitCode.ShouldBe(0, result.ToString());
        server.LastBody("/v1/chat/completions").GetProperty("model").GetString().ShouldBe("other-coder");
    }

    [Fact(Timeout = 30_000)]
    public async Task ApiKeyEnvironmentVariable_IsSentAsBearer()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = "env-key-123" });

        var result = await CliRun.RunAsync(["chat", "hi", "--endpoint", server.Url], new Dictionary<string, string> { ["API_KEY"] = "env-key-123" }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
        server.Requests.ShouldContain(r => r.Path == "/v1/chat/completions" && r.Authorization == "Bearer env-key-123");
    }

    [Fact(Timeout = 30_000)]
    public async Task ApiKeyOption_OverridesEnvironmentVariable()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = "option-key" });

        var result = await CliRun.RunAsync(
            ["chat", "hi", "--endpoint", server.Url, "--api-key", "option-key"], new Dictionary<string, string> { ["API_KEY"] = "env-key" }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
    }
}
