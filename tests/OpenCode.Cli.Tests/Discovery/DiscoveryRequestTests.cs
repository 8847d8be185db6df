using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Discovery;

/// <summary>What a command sends before its work: each discovery resource once, however many parts of the library read it.</summary>
public sealed class DiscoveryRequestTests
{
    [Fact(Timeout = 30_000)]
    public async Task Chat_FakeServer_AsksEachDiscoveryResourceOnce()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "Write a function", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        PathsOf(server).ShouldBeUnique(string.Join(", ", PathsOf(server)));
        PathsOf(server).ShouldContain("/v1/chat/completions");
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_FakeServer_AsksEachDiscoveryResourceOnce()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        PathsOf(server).ShouldBeUnique(string.Join(", ", PathsOf(server)));
    }

    private static List<string> PathsOf(FakeOpenAiServer server) => [.. server.Requests.Select(r => r.Path)];
}
