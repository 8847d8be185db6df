using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCode.Configuration;

namespace OpenCode.Tests.Provider;

public sealed class ChatClientAndPortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_NonStreaming_MapsTextFinishReasonAndUsage()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsChatClient();

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 2, Temperature = 0.1f }, Ct);

        response.Text.ShouldBe("chat answer");
        response.FinishReason.ShouldBe(ChatFinishReason.Length);
        response.Usage!.InputTokenCount.ShouldBe(9);
        response.Usage.OutputTokenCount.ShouldBe(2);
        response.Usage.TotalTokenCount.ShouldBe(11);
        response.ModelId.ShouldBe("tiny-coder");
        var body = System.Text.Json.JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement;
        body.GetProperty("max_tokens").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task GetStreamingResponse_Streams_UpdatesWithUsageAndFinishReasonAtEnd()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsChatClient();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        string.Concat(updates.Select(u => u.Text)).ShouldBe("chat answer");
        updates[^1].FinishReason.ShouldBe(ChatFinishReason.Length);
        updates[^1].Contents.OfType<UsageContent>().Single().Details.OutputTokenCount.ShouldBe(2);
        var combined = updates.ToChatResponse();
        combined.Usage!.InputTokenCount.ShouldBe(9);
        chat.GetService<ChatClientMetadata>()!.ProviderName.ShouldBe("opencode");
    }

    [Fact]
    public async Task CompleteAsync_Port_ReturnsOneAssistantMessage()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        var port = new OpenCodeLlmPort(provider, ownsProvider: false);

        var answer = await port.CompleteAsync([new LlmMessage("system", "s"), new LlmMessage("user", "hi")], new LlmCompletionOptions { MaxTokens = 2 }, Ct);

        answer.Role.ShouldBe("assistant");
        answer.Content.ShouldBe("chat answer");
        answer.FinishReason.ShouldBe(FinishReason.Length);
        answer.Usage!.CompletionTokens.ShouldBe(2);
    }

    [Fact]
    public async Task CompleteAsync_UnknownRole_ThrowsInvalidRequestNamingIndex()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        var port = new OpenCodeLlmPort(provider, ownsProvider: false);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => port.CompleteAsync([new LlmMessage("user", "a"), new LlmMessage("wizard", "b")], cancellationToken: Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("messages[1].role");
    }

    [Fact]
    public void OpenCodeAdapterCreate_InvalidTimeout_ThrowsInvalidConfiguration()
    {
        var ex = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeAdapter.Create(new OpenCodeAdapterConfig { Endpoint = "http://127.0.0.1:1", Timeout = TimeSpan.FromSeconds(1) }));

        ex.Errors.ShouldContain(e => e.Contains("timeout"));
    }

    [Fact]
    public async Task AddOpenCode_Resolves_ProviderChatClientAndPortAsOneProvider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpenCode:apiEndpoint"] = "http://127.0.0.1:18082" }).Build();
        var services = new ServiceCollection();
        services.AddOpenCode(configuration);
        await using var serviceProvider = services.BuildServiceProvider();

        var provider = serviceProvider.GetRequiredService<IAIProvider>();
        provider.ShouldBeSameAs(serviceProvider.GetRequiredService<OpenCode.Provider.OpenCodeProvider>());
        serviceProvider.GetRequiredService<IChatClient>().GetService<IAIProvider>().ShouldBeSameAs(provider);
        serviceProvider.GetRequiredService<ILlmPort>().ShouldNotBeNull();
        serviceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenCodeOptions>>().Value.ApiEndpoint.ShouldBe("http://127.0.0.1:18082");
    }
}
