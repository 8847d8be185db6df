using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class ChatCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Chat_FakeServer_StreamsTextToStdoutWithTrailingNewline()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "Write a function", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe(FakeResponses.ChatText + Environment.NewLine);
        result.Stderr.ShouldBeEmpty();
        server.Requests.ShouldContain(r => r.Path == "/v1/chat/completions");
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_InstancesWithOneDown_RoutedToTheHealthyOneAndRecordedUnderItsName()
    {
        await using var sick = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Script = { Down = true } });
        await using var healthy = await FakeOpenAiServer.StartAsync();
        var config = CliRun.ConfigFile($$"""
            {"instances": [{"name": "sick", "apiEndpoint": "{{sick.Url}}"}, {"name": "healthy", "apiEndpoint": "{{healthy.Url}}"}]}
            """);
        var ledger = Path.Combine(Directory.CreateTempSubdirectory("opencode-ledger-").FullName, "usage.db");
        var environment = new Dictionary<string, string> { ["USAGE_DB"] = ledger };

        var result = await CliRun.RunAsync(["chat", "Write a function", "--config", config], environment, TestContext.Current.CancellationToken);
        var usage = await CliRun.RunAsync(["usage", "--ledger", ledger, "--json"], environment, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe(FakeResponses.ChatText + Environment.NewLine);
        healthy.Requests.ShouldContain(r => r.Path == "/v1/chat/completions");
        using var document = System.Text.Json.JsonDocument.Parse(usage.Stdout);
        document.RootElement.GetProperty("byModel").EnumerateArray()
            .ShouldContain(m => m.GetProperty("endpoint").GetString() == "healthy" && m.GetProperty("totals").GetProperty("errors").GetInt64() == 0);
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_SystemMaxTokensTemperature_SentInRequestBody()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "Reverse a string", "--endpoint", server.Url, "--system", "Be brief.", "--max-tokens", "42", "--temperature", "0.5");

        result.ExitCode.ShouldBe(0, result.ToString());
        var body = server.LastBody("/v1/chat/completions");
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("role").GetString()).ShouldBe(["system", "user"]);
        messages.Select(m => m.GetProperty("content").GetString()).ShouldBe(["Be brief.", "Reverse a string"]);
        body.GetProperty("max_tokens").GetInt32().ShouldBe(42);
        body.GetProperty("temperature").GetDouble().ShouldBe(0.5, 0.0001);
        body.GetProperty("model").GetString().ShouldBe("fake-coder");
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_Json_PrintsOneObjectWithContentFinishReasonModelUsageAndTimeToFirstToken()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "hi", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        root.GetProperty("content").GetString().ShouldBe(FakeResponses.ChatText);
        root.GetProperty("finishReason").GetString().ShouldBe("stop");
        root.GetProperty("model").GetString().ShouldBe("fake-coder");
        var usage = root.GetProperty("usage");
        usage.GetProperty("promptTokens").GetInt32().ShouldBe(5);
        usage.GetProperty("completionTokens").GetInt32().ShouldBe(3);
        usage.GetProperty("totalTokens").GetInt32().ShouldBe(8);
        usage.GetProperty("source").GetString().ShouldBe("reported");
        root.GetProperty("timeToFirstTokenMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_CancelledMidStream_Exits130AndKeepsPartialText()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var stdout = new FlushSignalWriter();
        using var stderr = new StringWriter();

        // A ledger of its own, never the user's.
        Environment.SetEnvironmentVariable("OCT_CANCEL_USAGE_DB", Path.Combine(Directory.CreateTempSubdirectory("opencode-ledger-").FullName, "usage.db"));
        var run = CliApp.RunAsync(["chat", "trigger:slow", "--endpoint", server.Url], new CliContext(stdout, stderr, false, "OCT_CANCEL_"), cancellation.Token);
        await stdout.FirstTextFlushed.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await cancellation.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var result = new CliResult(exitCode, stdout.ToString(), stderr.ToString());

        result.ExitCode.ShouldBe(130, result.ToString());
        result.Stdout.ShouldBe("partial" + Environment.NewLine);
        result.StderrLines.ShouldBe(["cancelled"]);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_ReasoningContent_ToStderrOnlyWhenVerbose(bool verbose)
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync(verbose ? ["chat", "trigger:think", "--endpoint", server.Url, "--verbose"] : ["chat", "trigger:think", "--endpoint", server.Url]);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe("answer" + Environment.NewLine);
        if (verbose)
        {
            result.Stderr.ShouldContain("pondering");
        }
        else
        {
            result.Stderr.ShouldBeEmpty();
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Chat_StreamCutShort_Exits4AndEndsPartialTextWithNewline()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("chat", "trigger:cut", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(4, result.ToString());
        result.Stdout.ShouldBe("partial" + Environment.NewLine);
        result.StderrLines.ShouldHaveSingleItem().ShouldEndWith("[STREAM_INTERRUPTED]");
    }
}
