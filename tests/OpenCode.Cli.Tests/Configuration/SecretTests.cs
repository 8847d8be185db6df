using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Configuration;

public sealed class SecretTests
{
    private const string Secret = "sk-test-5ecret-do-not-print";

    [Theory(Timeout = 30_000)]
    [InlineData("chat", Secret)]
    [InlineData("chat", "sk-wrong-5ecret-do-not-print")]
    [InlineData("models", Secret)]
    [InlineData("health", Secret)]
    public async Task Verbose_AnyOutcome_NeverPrintsTheApiKey(string command, string key)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = Secret });

        var result = await CliRun.RunAsync(command == "chat" ? [command, "hi", "--endpoint", server.Url, "--api-key", key, "--verbose"] : [command, "--endpoint", server.Url, "--api-key", key, "--verbose"]);

        result.ExitCode.ShouldBe(key == Secret ? 0 : 3, result.ToString());
        result.Stderr.ShouldContain("dbug: ");
        result.Stdout.ShouldNotContain(key);
        result.Stderr.ShouldNotContain(key);
    }

    [Fact(Timeout = 30_000)]
    public async Task Verbose_BadConfigWithKey_NeverPrintsTheApiKey()
    {
        var config = CliRun.ConfigFile($$"""{ "apiEndpoint": "http://127.0.0.1:1", "auth": { "apiKey": "{{Secret}}" }, "timeout": 1 }""");

        var result = await CliRun.RunAsync("chat", "hi", "--config", config, "--verbose");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldNotContain(Secret);
    }
}
