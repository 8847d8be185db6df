using OpenCode.Completion;
using OpenCode.Configuration;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Completion;

/// <summary>The completion service against a real llama-server with tiny models made from real code-model tokenizers.</summary>
public sealed class CodeCompletionAgainstLlamaServerTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private const string Document = "import os\n\n\ndef read_config(path):\n    with open(path) as handle:\n        data = handle.read()\n    return \n\n\nprint(read_config('a'))\n";

    [Theory]
    [InlineData("starcoder")]
    [InlineData("deepseek-coder")]
    public async Task CompleteAsync_RealTokenizer_CountsBudgetsInModelTokensAndReusesTheServersCache(string vocabulary)
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = await StartAsync(vocabulary, cts.Token);
        var service = CodeCompletionService.Create(provider, new CodeCompletionOptions { PrefixTokens = 24, SuffixTokens = 8, MaxTokens = 12, Temperature = 0, TimeLimit = Deadline });
        var cursor = Document.IndexOf("return ", StringComparison.Ordinal) + "return ".Length;

        var first = await service.CompleteAsync(new CodeCompletionRequest { DocumentPath = "config.py", Text = Document, Cursor = cursor }, cts.Token);

        first.IsFinal.ShouldBeTrue();
        first.Text.ShouldNotContain('\n');
        first.Source.ShouldBeOneOf(CodeCompletionSource.Server, CodeCompletionSource.None);
        var prompt = first.Prompt.ShouldNotBeNull();
        prompt.CountedByTokenizer.ShouldBeTrue();
        prompt.ContextFormat.ShouldBe("input_extra");
        prompt.PrefixTokens.ShouldBeLessThanOrEqualTo(24);
        prompt.SuffixTokens.ShouldBeLessThanOrEqualTo(8);
        (await CountAsync(provider, prompt.Prefix, cts.Token)).ShouldBeLessThanOrEqualTo(24);
        (await CountAsync(provider, prompt.Suffix, cts.Token)).ShouldBeLessThanOrEqualTo(8);
        Document[..cursor].ShouldEndWith(prompt.Prefix);

        // A keystroke the model did not predict: a new generation, on the same slot, whose prompt the server mostly has cached.
        var typed = first.Text.StartsWith('#') ? "@" : "#";
        var second = await service.CompleteAsync(
            new CodeCompletionRequest { DocumentPath = "config.py", Text = Document.Insert(cursor, typed), Cursor = cursor + 1 }, cts.Token);

        service.Statistics.Generations.ShouldBe(2);
        var usage = second.Usage.ShouldNotBeNull($"{second.Stop} {second.StopRule} '{second.Text}'");
        usage.CachedPromptTokens.ShouldNotBeNull().ShouldBeGreaterThan(usage.PromptTokens / 2);
    }

    [Fact]
    public async Task CompleteAsync_SamePositionAgain_ServedFromCacheWithoutAnotherGeneration()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = await StartAsync("starcoder", cts.Token);
        var service = CodeCompletionService.Create(provider, new CodeCompletionOptions { MaxTokens = 8, TimeLimit = Deadline });
        var request = new CodeCompletionRequest { DocumentPath = "config.py", Text = Document, Cursor = Document.IndexOf("return ", StringComparison.Ordinal) + 7 };

        var first = await service.CompleteAsync(request, cts.Token);
        var again = await service.CompleteAsync(request, cts.Token);

        again.Text.ShouldBe(first.Text, $"{first.Stop} {first.StopRule} {again.Stop} {again.Source}");
        again.Source.ShouldBe(CodeCompletionSource.Cache);
        service.Statistics.Generations.ShouldBe(1);
    }

    private static async Task<int> CountAsync(OpenCodeProvider provider, string text, CancellationToken cancellationToken) =>
        (await provider.TokenizeAsync(text, cancellationToken)).ShouldNotBeNull().Count;

    private async Task<OpenCodeProvider> StartAsync(string vocabulary, CancellationToken cancellationToken)
    {
        var spec = new TinyModelSpec { EmbeddingLength = 32, HeadCount = 2, Vocabulary = LlamaServerFixture.RequireVocabulary(vocabulary) };
        var server = await fixture.StartAsync(fixture.CreateModel("completion-" + vocabulary, spec), new LocalServerOptions { ContextSize = 1024, Parallel = 2 }, cancellationToken);
        var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        await provider.InitializeAsync(cancellationToken);
        return provider;
    }
}
