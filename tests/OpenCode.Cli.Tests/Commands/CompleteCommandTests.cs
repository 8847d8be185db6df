using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class CompleteCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Complete_FakeServer_SendsRawPromptToCompletionsAndStreamsText()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("complete", "# reverse a string in Python\n", "--endpoint", server.Url, "--max-tokens", "16");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe(FakeResponses.CompletionText + Environment.NewLine);
        var body = server.LastBody("/v1/completions");
        body.GetProperty("prompt").GetString().ShouldBe("# reverse a string in Python\n");
        body.GetProperty("max_tokens").GetInt32().ShouldBe(16);
        server.Requests.ShouldNotContain(r => r.Path == "/v1/chat/completions");
    }

    [Fact(Timeout = 30_000)]
    public async Task Complete_Json_ReportsLengthFinishAndUsage()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("complete", "def ", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("content").GetString().ShouldBe(FakeResponses.CompletionText);
        document.RootElement.GetProperty("finishReason").GetString().ShouldBe("length");
        document.RootElement.GetProperty("usage").GetProperty("completionTokens").GetInt32().ShouldBe(2);
    }
}
