using System.Text.Json;

namespace OpenCode.Tests.Provider;

public sealed class InfillProviderTests
{
    private static readonly HashSet<string> DeepSeekTokens = ["<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCapabilities_VocabularyWithDeepSeekFimTokens_ReportsFamilyAndInfillSupport()
    {
        var server = new FakeLlamaServer(models: "opencode-tiny") { SpecialTokens = DeepSeekTokens };
        await using var provider = server.CreateProvider();

        var capabilities = await provider.GetCapabilitiesAsync(Ct);

        capabilities.Family.ShouldBe("deepseek-coder");
        capabilities.SupportsInfillEndpoint.ShouldBe(true);
        capabilities.SupportsFillInTheMiddle.ShouldBe(true);
        server.Paths.ShouldContain("/tokenize");
    }

    [Fact]
    public async Task Infill_VocabularyWithFimTokens_UsesInfillEndpoint()
    {
        var server = new FakeLlamaServer(models: "opencode-tiny") { SpecialTokens = DeepSeekTokens };
        await using var provider = server.CreateProvider();

        var chunks = await FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "def f(x):\n", Suffix = "\n", MaxTokens = 2 }, Ct));

        FakeLlamaServer.Text(chunks).ShouldBe("    return y");
        chunks[^1].FinishReason.ShouldBe(FinishReason.Length);
        chunks[^1].Metadata.Usage!.CompletionTokens.ShouldBe(2);
        server.Paths.ShouldNotContain("/v1/completions");
    }

    [Fact]
    public async Task Infill_LlamaCppVocabularyWithoutFimTokens_ThrowsCapabilityNotSupportedWithoutGenerating()
    {
        var server = new FakeLlamaServer(models: "codellama-7b") { SpecialTokens = new HashSet<string>() };
        await using var provider = server.CreateProvider();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "a" }, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        ex.Message.ShouldContain("no fill-in-the-middle tokens");
        (await provider.GetCapabilitiesAsync(Ct)).Family.ShouldBe("codellama");
        server.Paths.ShouldNotContain("/infill");
        server.Paths.ShouldNotContain("/v1/completions");
    }

    [Fact]
    public async Task Infill_ServerWithoutTokenize_UsesFamilyTemplateWithStopTokens()
    {
        var server = new FakeLlamaServer(models: "deepseek-coder-1.3b-base");
        await using var provider = server.CreateProvider();

        var chunks = await FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "p", Suffix = "s", Stop = ["\n\n"] }, Ct));

        FakeLlamaServer.Text(chunks).ShouldBe("plain");
        using var body = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/completions"));
        body.RootElement.GetProperty("prompt").GetString().ShouldBe("<｜fim▁begin｜>p<｜fim▁hole｜>s<｜fim▁end｜>");
        var stops = body.RootElement.GetProperty("stop").EnumerateArray().Select(e => e.GetString()).ToList();
        stops.ShouldContain("<｜end▁of▁sentence｜>");
        stops.ShouldContain("\n\n");
        server.Paths.ShouldNotContain("/infill");
    }

    [Theory]
    [InlineData("my-custom-model", "not recognised")]
    [InlineData("mistral-7b-instruct", "has no fill-in-the-middle format")]
    public async Task Infill_NoFimFormatKnown_ThrowsCapabilityNotSupported(string model, string reason)
    {
        var server = new FakeLlamaServer(models: model);
        await using var provider = server.CreateProvider();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "a" }, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        ex.Message.ShouldContain(reason);
        server.Paths.ShouldNotContain("/v1/completions");
    }

    [Fact]
    public async Task Infill_CodeCompletionFeatureOff_ThrowsCapabilityNotSupportedWithoutRequests()
    {
        var server = new FakeLlamaServer(models: "opencode-tiny") { SpecialTokens = DeepSeekTokens };
        await using var provider = server.CreateProvider(o => o.Features.CodeCompletion = false);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "a" }, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        ex.Message.ShouldContain("features.codeCompletion");
        server.Paths.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendMessage_WizardCoderWithoutChatTemplate_UsesAlpacaPrompt()
    {
        var server = new FakeLlamaServer(chatTemplate: "", models: "wizardcoder-15b");
        await using var provider = server.CreateProvider();

        await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("Reverse a string.")] }, Ct));

        var prompt = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/completions")).RootElement.GetProperty("prompt").GetString();
        prompt.ShouldBe(
            "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\nReverse a string.\n\n### Response:\n");
    }
}
