using OpenCode.Configuration;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Families;

/// <summary>Family and FIM detection, and infill, against a real llama-server with tiny models made from real tokenizers.</summary>
public sealed class FamilyAndInfillTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Vocabulary, model name (neutral where the vocabulary alone must name the family), family, FIM tokens present.</summary>
    public static TheoryData<string, string, string, bool> Vocabularies => new()
    {
        { "deepseek-coder", "family-probe-a", "deepseek-coder", true },
        { "starcoder", "family-probe-b", "starcoder", true },
        { "built-in-codellama-fim", "family-probe-c", "codellama", true },
        { "qwen2", "qwen2.5-coder-tiny", "qwen2.5-coder", false },
        { "llama-spm", "codellama-tiny", "codellama", false },
    };

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public async Task Infill_RealVocabulary_RecognisesFamilyAndFillsWhereFimTokensExistElseCapabilityNotSupported(
        string vocabulary, string name, string family, bool hasFim)
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = await StartAsync(vocabulary, name, cts.Token);

        var capabilities = await provider.GetCapabilitiesAsync(cts.Token);

        capabilities.Family.ShouldBe(family);
        capabilities.SupportsInfillEndpoint.ShouldBe(hasFim);
        capabilities.SupportsFillInTheMiddle.ShouldBe(hasFim);
        capabilities.Dialect.ShouldBe("llama.cpp");
        var request = new InfillRequest
        {
            Prefix = "int add(int a, int b) {\n",
            Suffix = "\n}\n",
            ExtraFiles = [new InfillFile("math.h", "int add(int a, int b);\n")],
            MaxTokens = 8,
            Temperature = 1.0f,
        };

        if (!hasFim)
        {
            var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.InfillAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token));
            ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
            ex.Message.ShouldContain(family);
            return;
        }

        var answer = await provider.InfillAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token);

        answer.FinishReason.ShouldBe(FinishReason.Length);
        answer.Content.ShouldNotBeNullOrEmpty();
        answer.Usage.ShouldNotBeNull();
        answer.Usage.CompletionTokens.ShouldBe(8);
        answer.Usage.PromptTokens.ShouldBeGreaterThan(10);
        answer.Usage.Source.ShouldBe(UsageSource.Timings);
    }

    private async Task<OpenCodeProvider> StartAsync(string vocabulary, string name, CancellationToken cancellationToken)
    {
        var spec = vocabulary switch
        {
            "built-in-codellama-fim" => new TinyModelSpec { Vocabulary = VocabularySource.BuiltIn(FimTokenStyle.CodeLlama) },
            _ => new TinyModelSpec { EmbeddingLength = vocabulary == "qwen2" ? 16 : 32, HeadCount = 2, Vocabulary = LlamaServerFixture.RequireVocabulary(vocabulary) },
        };
        var server = await fixture.StartAsync(fixture.CreateModel(name, spec), new LocalServerOptions { ContextSize = 512 }, cancellationToken);
        return new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
    }
}
