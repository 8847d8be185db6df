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

    [Fact(Timeout = 30_000)]
    public async Task Chat_SecondRunSameServerAndLedger_SendsOnlyTheChat()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var environment = new Dictionary<string, string> { ["USAGE_DB"] = Path.Combine(Directory.CreateTempSubdirectory("opencode-ledger-").FullName, "usage.db") };
        string[] chat = ["chat", "Write a function", "--endpoint", server.Url];
        (await CliRun.RunAsync(chat, environment, TestContext.Current.CancellationToken)).ExitCode.ShouldBe(0);
        server.Requests.Clear();

        var second = await CliRun.RunAsync(chat, environment, TestContext.Current.CancellationToken);

        second.ExitCode.ShouldBe(0, second.ToString());
        second.Stdout.ShouldBe(FakeResponses.ChatText + Environment.NewLine);
        PathsOf(server).ShouldBe(["/v1/chat/completions"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_SecondRunOtherLedger_DiscoversAgain()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        (await CliRun.RunAsync("chat", "Write a function", "--endpoint", server.Url)).ExitCode.ShouldBe(0);
        server.Requests.Clear();

        (await CliRun.RunAsync("chat", "Write a function", "--endpoint", server.Url)).ExitCode.ShouldBe(0);

        PathsOf(server).ShouldContain("/v1/models");
    }

    private static List<string> PathsOf(FakeOpenAiServer server) => [.. server.Requests.Select(r => r.Path)];
}
