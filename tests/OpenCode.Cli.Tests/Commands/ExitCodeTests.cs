using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class ExitCodeTests
{
    [Fact(Timeout = 30_000)]
    public async Task Chat_WrongApiKey_Exits3WithOneLineNamingTheCode()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = "right-key" });

        var result = await CliRun.RunAsync("chat", "hi", "--endpoint", server.Url, "--api-key", "wrong-key");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("error: ");
        result.Stderr.ShouldContain("[AUTHENTICATION_FAILED]");
        result.Stdout.ShouldBeEmpty();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("chat", "hi")]
    [InlineData("models")]
    public async Task Command_ServerEchoesTheRejectedKey_KeyNeverReachesStderrEvenVerbose(params string[] command)
    {
        const string Key = "sk-echoed-wrong-key-7f3a9c";
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { ApiKey = "right-key", EchoRejectedCredential = true });

        var result = await CliRun.RunAsync([.. command, "--endpoint", server.Url, "--api-key", Key, "--verbose"]);

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.Stderr.ShouldContain("Invalid API Key");
        result.Stderr.ShouldNotContain(Key);
        result.Stdout.ShouldNotContain(Key);
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_RateLimited_Exits5AndShowsRetryAfter()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "trigger:429", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(5, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldEndWith("(retry after 7 s) [RATE_LIMITED]");
    }

    [Fact(Timeout = 30_000)]
    public async Task Complete_ServerError_Exits4WithoutStackTrace()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("complete", "trigger:500", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(4, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldContain("The model crashed");
        line.ShouldEndWith("[SERVER_ERROR]");
        result.Stderr.ShouldNotContain(" at ");
    }

    [Fact(Timeout = 30_000)]
    public async Task Complete_ServerErrorVerbose_PrintsFullException()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("complete", "trigger:500", "--endpoint", server.Url, "--verbose");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Stderr.ShouldContain("OpenCode.OpenCodeException");
        result.Stderr.ShouldContain(" at ");
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_NothingListening_Exits4ConnectionFailed()
    {
        var result = await CliRun.RunAsync("chat", "hi", "--endpoint", "http://127.0.0.1:1");

        result.ExitCode.ShouldBe(4, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldEndWith("[CONNECTION_FAILED]");
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_ModelNotServed_Exits2ModelNotFound()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "hi", "--endpoint", server.Url, "--model", "no-such-model");

        result.ExitCode.ShouldBe(2, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldContain("no-such-model");
        line.ShouldEndWith("[MODEL_NOT_FOUND]");
    }

    [Theory(Timeout = 30_000)]
    [InlineData("chat")]
    [InlineData("chat --max-tokens 0 hi")]
    [InlineData("chat --temperature 3 hi")]
    [InlineData("chat hi --no-such-option")]
    [InlineData("")]
    public async Task Parse_BadUsage_Exits2WithOneErrorLine(string commandLine)
    {
        var result = await CliRun.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("error: ");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_EndpointAndModelPathBoth_Exits2()
    {
        var result = await CliRun.RunAsync("chat", "hi", "--endpoint", "http://127.0.0.1:1", "--model-path", "x.gguf");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe(
            "error: --endpoint and --model-path were both given; use --endpoint URL for a server or --model-path FILE.gguf for a local model. [INVALID_CONFIGURATION]");
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_MissingModelFile_Exits2NamingTheFile()
    {
        var result = await CliRun.RunAsync("chat", "hi", "--model-path", "/nonexistent/model.gguf");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("/nonexistent/model.gguf");
    }
}
