using System.Net;
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
    public async Task SendMessage_ModelTheListLacks_IsSentAsNamed()
    {
        var server = new FakeLlamaServer(models: ["a", "b"]);
        await using var provider = server.CreateProvider();

        var chunks = await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")], Model = "coder-alias" }, Ct));

        chunks[^1].IsDone.ShouldBeTrue();
        JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement.GetProperty("model").GetString().ShouldBe("coder-alias");
    }

    [Fact]
    public async Task SendMessage_ServerRefusesTheModel_ThrowsModelNotFoundFromItsAnswer()
    {
        var server = new FakeLlamaServer(models: ["a", "b"]) { UnknownModelAnswer = """{"object":"error","message":"The model `zzz` does not exist.","type":"NotFoundError","code":404}""" };
        await using var provider = server.CreateProvider();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")], Model = "zzz" }, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        ex.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ex.Message.ShouldContain("`zzz` does not exist");
        server.Paths.Count(p => p == "/v1/chat/completions").ShouldBe(1, "a refused model is not retried");
    }

    [Fact]
    public async Task Initialize_DefaultModelTheListLacks_KeepsItWithTheOnlyModelsCapabilities()
    {
        var server = new FakeLlamaServer(contextWindow: 2048);
        await using var provider = server.CreateProvider(o => o.Models.DefaultModel = "coder-alias");

        var capabilities = await provider.GetCapabilitiesAsync(Ct);

        capabilities.Model.ShouldBe("coder-alias");
        capabilities.ContextWindow.ShouldBe(2048);
        capabilities.TrainingContextWindow.ShouldBe(16384);
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
