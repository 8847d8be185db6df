using System.Globalization;
using OpenCode.Completion;
using OpenCode.Families;

namespace OpenCode.Tests.Completion;

public sealed class PromptAssemblyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>100 lines "line N = N" (4 tokens each for the fake tokenizer: "line", " N", " =", " N" plus the line break joins the next word).</summary>
    private static string LongDocument => string.Concat(Enumerable.Range(0, 100).Select(i => string.Create(CultureInfo.InvariantCulture, $"line{i} = {i}\n")));

    private static (FakeCompletionBackend Backend, CodeCompletionService Service, string Text, int Cursor) AtLine50(CodeCompletionOptions options)
    {
        var backend = new FakeCompletionBackend();
        return (backend, CodeCompletionServiceTests.Create(backend, options: options), LongDocument, LongDocument.IndexOf("line50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_LongDocument_CutsPrefixAndSuffixAtLineBoundariesWithinTokenBudgets()
    {
        var (backend, service, text, cursor) = AtLine50(new CodeCompletionOptions { PrefixTokens = 30, SuffixTokens = 10 });

        var completion = await service.CompleteAsync(CodeCompletionServiceTests.Request(text, cursor), Ct);

        var prompt = completion.Prompt!;
        prompt.CountedByTokenizer.ShouldBeTrue();
        prompt.PrefixTokens.ShouldBeLessThanOrEqualTo(30);
        prompt.SuffixTokens.ShouldBeLessThanOrEqualTo(10);
        prompt.Prefix.ShouldStartWith("line");
        prompt.Prefix.ShouldEndWith("line49 = 49\n");
        text.ShouldContain(prompt.Prefix);
        prompt.Suffix.ShouldStartWith("line50 = 50\n");
        prompt.Suffix.ShouldEndWith("\n");
        backend.Requests.Single().Prefix.ShouldBe(prompt.Prefix);
    }

    [Fact]
    public async Task CompleteAsync_SecondKeystroke_TokenizesOnlyTheEditedLine()
    {
        var (backend, service, text, cursor) = AtLine50(new CodeCompletionOptions { PrefixTokens = 200, SuffixTokens = 50 });
        await service.CompleteAsync(CodeCompletionServiceTests.Request(text, cursor), Ct);
        var tokenizeCalls = backend.Tokenized.Count;

        await service.CompleteAsync(CodeCompletionServiceTests.Request(text.Insert(cursor, "q"), cursor + 1), Ct);

        tokenizeCalls.ShouldBe(1);
        backend.Tokenized.Count.ShouldBe(2);
        backend.Tokenized[1].ShouldBe("q");
    }

    [Fact]
    public async Task CompleteAsync_ServerWithoutTokenizer_EstimatesWithTheLengthHeuristic()
    {
        var backend = new FakeCompletionBackend { HasTokenizer = false };
        var service = CodeCompletionServiceTests.Create(backend, options: new CodeCompletionOptions { PrefixTokens = 30 });

        var completion = await service.CompleteAsync(CodeCompletionServiceTests.Request(LongDocument, 600), Ct);

        completion.Prompt!.CountedByTokenizer.ShouldBeFalse();
        completion.Prompt.PrefixTokens.ShouldBeLessThanOrEqualTo(30);
        completion.Prompt.Prefix.Length.ShouldBeLessThanOrEqualTo(30 * 3);
    }

    [Fact]
    public async Task CompleteAsync_InfillEndpoint_SendsSnippetsAsInputExtraAndDropsNearDuplicatesAndTheDocumentItself()
    {
        var backend = new FakeCompletionBackend();
        var service = CodeCompletionServiceTests.Create(backend);
        var helper = "def scale(value, factor):\n    if factor <= 0:\n        raise ValueError(\"factor must be positive\")\n    return value * factor * 2\n";
        var request = CodeCompletionServiceTests.Request("import helpers\nresult = ", 24) with
        {
            Context = [new CodeSnippet("helpers.py", helper), new CodeSnippet("copy/helpers.py", helper.Replace("2", "3", StringComparison.Ordinal)),
                new CodeSnippet("src/area.py", "anything"), new CodeSnippet("consts.py", "SCALE = 10\n")],
        };

        var completion = await service.CompleteAsync(request, Ct);

        var sent = backend.Requests.Single();
        sent.ExtraFiles.Select(f => f.FileName).ShouldBe(["helpers.py", "consts.py"]);
        sent.ExtraFiles[0].Text.ShouldBe(helper);
        sent.Prefix.ShouldBe("import helpers\nresult = ");
        completion.Prompt!.ContextFormat.ShouldBe("input_extra");
        completion.Prompt.Snippets.ShouldBe((2, 2));
        completion.Prompt.ContextTokens.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CompleteAsync_FamilyWithoutContextFormat_WritesSnippetsAsPathCommentsBeforeThePrefix()
    {
        var backend = new FakeCompletionBackend { Target = new CompletionTarget(ModelFamily.CodeLlama, ContextFormat.PathComments, null, null, true) };
        var service = CodeCompletionServiceTests.Create(backend);
        var request = CodeCompletionServiceTests.Request("result = ", 9) with { Context = [new CodeSnippet("consts.py", "SCALE = 10\nOFFSET = 2\n")] };

        await service.CompleteAsync(request, Ct);

        var sent = backend.Requests.Single();
        sent.ExtraFiles.ShouldBeEmpty();
        sent.Prefix.ShouldBe("# Path: consts.py\n# SCALE = 10\n# OFFSET = 2\n# Path: src/area.py\nresult = ");
    }

    [Fact]
    public async Task CompleteAsync_ContextBudgetTooSmallForWholeSnippet_CutsItAtALineBoundary()
    {
        var backend = new FakeCompletionBackend();
        var service = CodeCompletionServiceTests.Create(backend, options: new CodeCompletionOptions { ContextTokens = 8 });
        var snippet = string.Concat(Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"v{i} = {i}\n")));
        var request = CodeCompletionServiceTests.Request("x = ", 4) with { Context = [new CodeSnippet("vars.py", snippet)] };

        var completion = await service.CompleteAsync(request, Ct);

        var text = backend.Requests.Single().ExtraFiles.Single().Text;
        snippet.ShouldStartWith(text);
        text.ShouldEndWith("\n");
        text.Length.ShouldBeLessThan(snippet.Length);
        completion.Prompt!.ContextTokens.ShouldBeLessThanOrEqualTo(8);
    }

    [Fact]
    public void PromptBudget_SmallContextWindow_ScalesAllPartsToFit()
    {
        var budget = PromptBudget.For(new CodeCompletionOptions { PrefixTokens = 1024, SuffixTokens = 256, ContextTokens = 512 }, contextWindow: 512, maxTokens: 64);

        budget.Total.ShouldBeLessThanOrEqualTo(512 - 64 - PromptBudget.FormatOverhead);
        budget.Prefix.ShouldBeGreaterThan(budget.Context);
        budget.Context.ShouldBeGreaterThan(budget.Suffix);
    }

    [Fact]
    public void RequestBody_InfillWithCacheAffinity_WritesLlamaServerFields()
    {
        var request = new InfillRequest
        {
            Prefix = "a",
            SlotId = 1,
            CachePrompt = true,
            CacheReuseChunk = 64,
            MinIndent = 4,
            GenerationTimeLimit = TimeSpan.FromMilliseconds(1500),
        };

        var body = System.Text.Json.JsonDocument.Parse(OpenCode.Client.RequestBodyWriter.Write(OpenCode.Client.OpenCodeClient.ToWire(request, null), true, true, null)).RootElement;

        body.GetProperty("id_slot").GetInt32().ShouldBe(1);
        body.GetProperty("cache_prompt").GetBoolean().ShouldBeTrue();
        body.GetProperty("n_cache_reuse").GetInt32().ShouldBe(64);
        body.GetProperty("n_indent").GetInt32().ShouldBe(4);
        body.GetProperty("t_max_predict_ms").GetInt64().ShouldBe(1500);
    }

    [Fact]
    public void RequestBody_InfillWithoutAffinity_WritesNoneOfThem()
    {
        var body = System.Text.Json.JsonDocument.Parse(
            OpenCode.Client.RequestBodyWriter.Write(OpenCode.Client.OpenCodeClient.ToWire(new InfillRequest { Prefix = "a" }, null), true, true, null)).RootElement;

        body.TryGetProperty("id_slot", out _).ShouldBeFalse();
        body.TryGetProperty("cache_prompt", out _).ShouldBeFalse();
        body.TryGetProperty("t_max_predict_ms", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("ab\ncd\r\nef", 1, 2, 5)]
    [InlineData("ab\ncd\r\nef", 2, 0, 7)]
    [InlineData("", 0, 0, 0)]
    public void TextPosition_ToOffsetAndBack_RoundTrips(string text, int line, int character, int offset)
    {
        new TextPosition(line, character).ToOffset(text).ShouldBe(offset);
        TextPosition.FromOffset(text, offset).ShouldBe(new TextPosition(line, character));
    }

    [Fact]
    public void TextPosition_LinePastEnd_ThrowsInvalidRequest()
    {
        Should.Throw<OpenCodeException>(() => new TextPosition(5, 0).ToOffset("a\nb")).Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
    }
}
