using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class InfillCommandTests
{
    private static readonly HashSet<string> StarCoderTokens = ["<fim_prefix>", "<fim_suffix>", "<fim_middle>"];

    [Fact(Timeout = 30_000)]
    public async Task Infill_VocabularyWithFimTokens_PostsToInfillWithExtraFileAndStreamsText()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { SpecialTokens = StarCoderTokens });
        var extra = Path.Combine(Path.GetTempPath(), $"opencode-infill-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(extra, "def helper(): pass\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync("infill", "--prefix", "def reverse(s):\n", "--suffix", "\n", "--file", extra, "--endpoint", server.Url);

            result.ExitCode.ShouldBe(0, result.ToString());
            result.Stdout.ShouldBe(FakeResponses.InfillText + Environment.NewLine);
            var body = server.LastBody("/infill");
            body.GetProperty("input_prefix").GetString().ShouldBe("def reverse(s):\n");
            body.GetProperty("input_suffix").GetString().ShouldBe("\n");
            body.GetProperty("input_extra")[0].GetProperty("filename").GetString().ShouldBe(extra);
            body.GetProperty("input_extra")[0].GetProperty("text").GetString().ShouldBe("def helper(): pass\n");
        }
        finally
        {
            File.Delete(extra);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Infill_Json_PrintsTheSameObjectAsChatJson()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { SpecialTokens = StarCoderTokens });

        var infill = await CliRun.RunAsync("infill", "--prefix", "def f():", "--endpoint", server.Url, "--json");
        var chat = await CliRun.RunAsync("chat", "hi", "--endpoint", server.Url, "--json");

        infill.ExitCode.ShouldBe(0, infill.ToString());
        using var infillJson = JsonDocument.Parse(infill.Stdout);
        using var chatJson = JsonDocument.Parse(chat.Stdout);
        infillJson.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(chatJson.RootElement.EnumerateObject().Select(p => p.Name));
        infillJson.RootElement.GetProperty("content").GetString().ShouldBe(FakeResponses.InfillText);
        infillJson.RootElement.GetProperty("finishReason").GetString().ShouldBe("stop");
        infillJson.RootElement.GetProperty("usage").GetProperty("completionTokens").GetInt32().ShouldBe(2);
    }

    [Fact(Timeout = 30_000)]
    public async Task Infill_NoTokenizeButKnownFamily_SendsFamilyFimTemplateToCompletions()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["codellama-7b-code"] });

        var result = await CliRun.RunAsync("infill", "--prefix", "def f(x):", "--suffix", "return y", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe(FakeResponses.CompletionText + Environment.NewLine);
        var body = server.LastBody("/v1/completions");
        body.GetProperty("prompt").GetString().ShouldBe("<PRE> def f(x): <SUF>return y <MID>");
        body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()).ShouldContain("<EOT>");
    }

    [Fact(Timeout = 30_000)]
    public async Task Infill_ModelWithoutFimSupport_ExitsTwoWithCapabilityNotSupported()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { SpecialTokens = new HashSet<string>() });

        var result = await CliRun.RunAsync("infill", "--prefix", "def f():", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("fill in the middle");
        server.Requests.ShouldNotContain(r => r.Path == "/infill" || r.Path == "/v1/completions");
    }

    [Fact(Timeout = 30_000)]
    public async Task Models_Json_GivesFamilyDialectAndFimSupport()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Models = ["fake-coder", "deepseek-coder-6.7b"], SpecialTokens = StarCoderTokens });

        var result = await CliRun.RunAsync("models", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var models = document.RootElement.EnumerateArray().ToList();
        models[0].GetProperty("family").GetString().ShouldBe("starcoder");
        models[0].GetProperty("dialect").GetString().ShouldBe("llama.cpp");
        models[0].GetProperty("supportsFillInTheMiddle").GetBoolean().ShouldBeTrue();
        models[0].GetProperty("supportsChat").GetBoolean().ShouldBeTrue();
        models[1].GetProperty("family").GetString().ShouldBe("deepseek-coder");
        models[1].GetProperty("supportsFillInTheMiddle").GetBoolean().ShouldBeTrue();
    }

    [Fact(Timeout = 30_000)]
    public async Task Infill_FileAndCursor_CompletesThroughTheServiceWithContextAndSlotAffinity()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { SpecialTokens = StarCoderTokens });
        var folder = Directory.CreateTempSubdirectory("opencode-infill-").FullName;
        var document = Path.Combine(folder, "text.py");
        var helper = Path.Combine(folder, "helpers.py");
        await File.WriteAllTextAsync(document, "def reverse(s):\n    \n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(helper, "def helper(): pass\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync("infill", "--file", document, "--cursor", "2:5", "--context", helper, "--endpoint", server.Url);

            result.ExitCode.ShouldBe(0, result.ToString());
            result.Stdout.ShouldBe("return s[::-1]" + Environment.NewLine);
            var body = server.LastBody("/infill");
            body.GetProperty("input_prefix").GetString().ShouldBe("def reverse(s):\n    ");
            body.GetProperty("input_suffix").GetString().ShouldBe("\n");
            body.GetProperty("input_extra")[0].GetProperty("filename").GetString().ShouldBe(helper);
            body.GetProperty("cache_prompt").GetBoolean().ShouldBeTrue();
            body.TryGetProperty("id_slot", out _).ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Infill_FileAndCursorJson_PrintsTextRangeAndPromptTokens()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { SpecialTokens = StarCoderTokens });
        var document = Path.Combine(Path.GetTempPath(), $"opencode-infill-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(document, "def reverse(s):\n    \n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync("infill", "--file", document, "--cursor", "2:5", "--endpoint", server.Url, "--json");

            result.ExitCode.ShouldBe(0, result.ToString());
            using var json = JsonDocument.Parse(result.Stdout);
            json.RootElement.GetProperty("text").GetString().ShouldBe("return s[::-1]");
            json.RootElement.GetProperty("range").GetProperty("startLine").GetInt32().ShouldBe(1);
            json.RootElement.GetProperty("range").GetProperty("startCharacter").GetInt32().ShouldBe(4);
            json.RootElement.GetProperty("source").GetString().ShouldBe("Server");
            json.RootElement.GetProperty("prompt").GetProperty("prefixTokens").GetInt32().ShouldBeGreaterThan(0);
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Theory(Timeout = 30_000)]
    [InlineData("2", "--cursor")]
    [InlineData("0:1", "--cursor")]
    [InlineData("9:1", "only 3 lines")]
    public async Task Infill_BadCursor_ExitsTwoNamingTheProblemWithoutGenerating(string cursor, string expected)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeServerOptions { SpecialTokens = StarCoderTokens });
        var document = Path.Combine(Path.GetTempPath(), $"opencode-infill-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(document, "a = 1\nb = 2\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync("infill", "--file", document, "--cursor", cursor, "--endpoint", server.Url);

            result.ExitCode.ShouldBe(2, result.ToString());
            result.Stderr.ShouldContain(expected);
            server.Requests.ShouldNotContain(r => r.Path == "/infill");
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Infill_CursorWithPrefix_ExitsTwo()
    {
        var result = await CliRun.RunAsync("infill", "--file", "x.py", "--cursor", "1:1", "--prefix", "a", "--endpoint", "http://127.0.0.1:9");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("--prefix");
    }
}
