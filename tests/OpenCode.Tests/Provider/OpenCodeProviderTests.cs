using System.Text.Json;

namespace OpenCode.Tests.Provider;

public sealed class OpenCodeProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCapabilities_LlamaCppServer_ReportsServerContextWindowNotADefault()
    {
        var server = new FakeLlamaServer(contextWindow: 2048);
        await using var provider = server.CreateProvider();

        var capabilities = await provider.GetCapabilitiesAsync(Ct);

        capabilities.ContextWindow.ShouldBe(2048);
        capabilities.TrainingContextWindow.ShouldBe(16384);
        capabilities.Model.ShouldBe("tiny-coder");
        capabilities.SupportsChat.ShouldBe(true);
        capabilities.ParallelSlots.ShouldBe(2);
        capabilities.Dialect.ShouldBe("llama.cpp");
    }

    [Fact]
    public async Task SendMessage_OneMessageWithChatTemplate_UsesChatEndpoint()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();

        var chunks = await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")] }, Ct));

        server.Paths.ShouldContain("/v1/chat/completions");
        FakeLlamaServer.Text(chunks).ShouldBe("chat answer");
        chunks[^1].IsDone.ShouldBeTrue();
        chunks[^1].FinishReason.ShouldBe(FinishReason.Length);
        chunks[^1].Metadata.Usage!.Source.ShouldBe(UsageSource.Reported);
    }

    [Fact]
    public async Task SendMessage_MessagesButModelWithoutChatTemplate_UsesPlainCompletionWithRenderedPrompt()
    {
        var server = new FakeLlamaServer(chatTemplate: "");
        await using var provider = server.CreateProvider();

        var chunks = await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.System("terse"), Message.User("hi")] }, Ct));

        server.Paths.ShouldNotContain("/v1/chat/completions");
        FakeLlamaServer.Text(chunks).ShouldBe("plain");
        var prompt = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/completions")).RootElement.GetProperty("prompt").GetString();
        prompt.ShouldBe("terse\n\n### User:\nhi\n\n### Assistant:\n");
    }

    [Fact]
    public async Task SendMessage_PromptOnly_UsesPlainCompletion()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();

        var chunks = await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Prompt = "def f(" }, Ct));

        FakeLlamaServer.Text(chunks).ShouldBe("plain");
        chunks[^1].Metadata.Usage!.Source.ShouldBe(UsageSource.Counted);
    }

    [Fact]
    public async Task SendMessage_ChatModeWithPrompt_SendsItAsUserMessage()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();

        await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Prompt = "hello", Mode = CompletionMode.Chat }, Ct));

        var messages = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement.GetProperty("messages");
        messages[0].GetProperty("role").GetString().ShouldBe("user");
        messages[0].GetProperty("content").GetString().ShouldBe("hello");
    }

    [Fact]
    public async Task SendMessage_StreamingFeatureOff_UsesNonStreamingAndStillEndsWithDoneChunk()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider(o => o.Features.Streaming = false);

        var chunks = await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")] }, Ct));

        FakeLlamaServer.Text(chunks).ShouldBe("whole answer");
        chunks[^1].IsDone.ShouldBeTrue();
        chunks[^1].Metadata.Usage.ShouldBe(new TokenUsage(4, 2, UsageSource.Reported));
        JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement.GetProperty("stream").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task SendMessage_UnknownModel_ThrowsModelNotFoundListingServedModels()
    {
        var server = new FakeLlamaServer(models: ["a", "b"]);
        await using var provider = server.CreateProvider();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Prompt = "x", Model = "zzz" }, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        ex.Message.ShouldContain("a, b");
        server.Paths.ShouldNotContain("/v1/completions");
    }

    [Fact]
    public async Task Initialize_DefaultModelNotServed_ThrowsModelNotFound()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider(o => o.Models.DefaultModel = "missing");

        var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.InitializeAsync(Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        ex.Message.ShouldContain("models.defaultModel");
    }

    [Fact]
    public async Task ListModels_EnabledModels_FiltersAndPicksFirstEnabledAsDefault()
    {
        var server = new FakeLlamaServer(models: ["a", "b", "c"]);
        await using var provider = server.CreateProvider(o => o.Models.EnabledModels = ["c", "b"]);

        var models = await provider.ListModelsAsync(Ct);
        var capabilities = await provider.GetCapabilitiesAsync(Ct);

        models.Select(m => m.Id).ShouldBe(["b", "c"]);
        capabilities.Model.ShouldBe("b");
    }

    [Fact]
    public async Task SendMessage_CustomParametersOff_RejectsAdditionalParameters()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider(o => o.Features.CustomParameters = false);
        var request = new MessageRequest { Prompt = "x", AdditionalParameters = new Dictionary<string, object?> { ["top_k"] = 5 } };

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.SendMessageAsync(request, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("features.customParameters");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendMessage_MessagesAndPromptBothOrNeither_ThrowsInvalidRequest(bool both)
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        var request = both ? new MessageRequest { Prompt = "p", Messages = [Message.User("m")] } : new MessageRequest();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.SendMessageAsync(request, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Initialize_NoEndpointNoModelPath_ThrowsInvalidConfigurationNamingBoth()
    {
        await using var provider = new OpenCode.Provider.OpenCodeProvider(new OpenCode.Configuration.OpenCodeOptions());

        var ex = await Should.ThrowAsync<OpenCodeConfigurationException>(() => provider.InitializeAsync(Ct));

        ex.Message.ShouldContain("apiEndpoint");
        ex.Message.ShouldContain("modelPath");
    }

    [Fact]
    public void Constructor_OutOfRangeSetting_ThrowsInvalidConfigurationNamingPathAndRange()
    {
        var options = new OpenCode.Configuration.OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:1", Timeout = 10 };

        var ex = Should.Throw<OpenCodeConfigurationException>(() => new OpenCode.Provider.OpenCodeProvider(options));

        ex.Errors.ShouldContain(e => e.Contains("timeout") && e.Contains("5000") && e.Contains("300000"));
    }
}
