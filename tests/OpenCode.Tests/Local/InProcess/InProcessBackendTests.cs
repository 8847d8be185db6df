using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Provider;

namespace OpenCode.Tests.Local.InProcess;

public sealed class InProcessBackendTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendMessage_TinyModel_StreamsToMaxTokensWithExactUsage(bool chat)
    {
        await using var provider = Create(files.WithFim);
        var request = chat
            ? new MessageRequest { Messages = [Message.User("hello")], MaxTokens = 12, Seed = 7 }
            : new MessageRequest { Prompt = "def add(a, b):", Mode = CompletionMode.Completion, MaxTokens = 12, Seed = 7 };

        var chunks = await provider.SendMessageAsync(request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var last = chunks[^1];
        last.IsDone.ShouldBeTrue();
        last.FinishReason.ShouldBe(FinishReason.Length);
        last.Metadata.Usage!.CompletionTokens.ShouldBe(12);
        last.Metadata.Usage.PromptTokens.ShouldBeGreaterThan(chat ? 5 : 2);
        string.Concat(chunks.Select(c => c.Content)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task SendMessage_SameSeed_SameText()
    {
        await using var provider = Create(files.WithFim);
        var request = new MessageRequest { Messages = [Message.User("seeded")], MaxTokens = 16, Seed = 1234, Temperature = 1.0f };

        var first = await provider.SendMessageAsync(request, TestContext.Current.CancellationToken).ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken);
        var second = await provider.SendMessageAsync(request, TestContext.Current.CancellationToken).ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken);
        var other = await provider.SendMessageAsync(request with { Seed = 99 }, TestContext.Current.CancellationToken).ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken);

        second.Content.ShouldBe(first.Content);
        other.Content.ShouldNotBe(first.Content);
    }

    [Fact]
    public async Task Infill_VocabularyWithFimTokens_AdvertisedAndGenerated()
    {
        await using var provider = Create(files.WithFim);

        var capabilities = await provider.GetCapabilitiesAsync(TestContext.Current.CancellationToken);
        var answer = await provider.InfillAsync(new InfillRequest { Prefix = "int x = ", Suffix = ";\n", MaxTokens = 5 }, TestContext.Current.CancellationToken)
            .ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken);

        capabilities.SupportsInfillEndpoint.ShouldBe(true);
        capabilities.ContextWindow.ShouldBe(256);
        answer.Usage!.CompletionTokens.ShouldBe(5);
        answer.Usage.PromptTokens.ShouldBeGreaterThan(3);
    }

    [Fact]
    public async Task Infill_VocabularyWithoutFimTokens_CapabilityNotSupported()
    {
        await using var provider = Create(files.WithoutFim);

        var ex = await Should.ThrowAsync<OpenCodeException>(async () =>
            await provider.InfillAsync(new InfillRequest { Prefix = "a", MaxTokens = 3 }, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
    }

    [Fact]
    public async Task SendMessage_CancelledAfterFirstChunk_StopsWithoutMoreChunks()
    {
        await using var provider = Create(files.WithFim);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int received = 0;

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("go")], MaxTokens = 200 }, cts.Token))
            {
                received++;
                await cts.CancelAsync();
            }
        });

        received.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_PromptLongerThanContext_ContextLengthExceeded()
    {
        await using var provider = Create(files.WithFim);

        var ex = await Should.ThrowAsync<OpenCodeContextLengthException>(async () => await provider
            .SendMessageAsync(new MessageRequest { Prompt = string.Concat(Enumerable.Repeat("word ", 400)), Mode = CompletionMode.Completion, MaxTokens = 2 }, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken));

        ex.ContextWindow.ShouldBe(256);
        ex.PromptTokens!.Value.ShouldBeGreaterThan(256);
    }

    [Fact]
    public async Task CountTokens_InProcess_ExactFromTheModelsVocabulary()
    {
        await using var provider = Create(files.WithFim);

        var count = await provider.CountTokensAsync("hello world", TestContext.Current.CancellationToken);

        count.IsExact.ShouldBeTrue();
        count.Count.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task SendMessage_UnknownExtraParameter_InvalidRequestNamingIt()
    {
        await using var provider = Create(files.WithFim);
        var request = new MessageRequest { Prompt = "x", Mode = CompletionMode.Completion, MaxTokens = 2, AdditionalParameters = new Dictionary<string, object?> { ["mirostat"] = 2 } };

        var ex = await Should.ThrowAsync<OpenCodeException>(async () => await provider.SendMessageAsync(request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("mirostat");
    }

    [Theory]
    [InlineData(LocalModelMode.InProcess)]
    [InlineData(LocalModelMode.Server)]
    public async Task Initialize_ModelPathWithoutLocalPackage_ConfigurationErrorNamingPackageAndRegistration(LocalModelMode mode)
    {
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ModelPath = files.WithFim, LocalServer = { Mode = mode } });

        var ex = await Should.ThrowAsync<OpenCodeConfigurationException>(() => provider.InitializeAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        ex.Message.ShouldContain("modelPath");
        ex.Message.ShouldContain("OpenCode.Local");
        ex.Message.ShouldContain("AddOpenCodeLocal()");
        ex.Message.ShouldContain("LocalModels");
    }

    private static OpenCodeProvider Create(string path) =>
        new(new OpenCodeOptions { ModelPath = path, LocalServer = { Threads = 1 } }) { LocalModels = LocalModelBackendFactory.Instance };
}
