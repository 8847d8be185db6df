using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenCode.Tests.Provider;

namespace OpenCode.Tests.ChatClient;

/// <summary><see cref="ChatOptions.RawRepresentationFactory"/> is honoured (the base of the request) or refused with a typed error; responses carry their raw form.</summary>
public sealed class RawRepresentationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_FactoryReturnsMessageRequest_ItIsTheBaseAndOptionsWin()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        IChatClient? seen = null;
        var options = new ChatOptions
        {
            Temperature = 0.5f,
            RawRepresentationFactory = client =>
            {
                seen = client;
                return new MessageRequest { Temperature = 0.1f, TopP = 0.7f, Seed = 42, AdditionalParameters = new Dictionary<string, object?> { ["min_p"] = 0.05 } };
            },
        };

        await chat.GetResponseAsync("hi", options, Ct);

        var body = Body(server);
        seen.ShouldBeSameAs(chat);
        body.GetProperty("temperature").GetDouble().ShouldBe(0.5, 1e-6);
        body.GetProperty("top_p").GetDouble().ShouldBe(0.7, 1e-6);
        body.GetProperty("seed").GetInt64().ShouldBe(42);
        body.GetProperty("min_p").GetDouble().ShouldBe(0.05, 1e-6);
        body.GetProperty("messages")[0].GetProperty("content").GetString().ShouldBe("hi");
    }

    [Fact]
    public async Task GetResponse_FactoryReturnsJsonObject_PropertiesReachTheBody()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var options = new ChatOptions { RawRepresentationFactory = _ => new JsonObject { ["mirostat"] = 2, ["samplers"] = new JsonArray("top_k", "min_p") } };

        await chat.GetResponseAsync("hi", options, Ct);

        var body = Body(server);
        body.GetProperty("mirostat").GetInt32().ShouldBe(2);
        body.GetProperty("samplers")[1].GetString().ShouldBe("min_p");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponse_FactoryReturnsUnknownType_InvalidRequestNamingTheOptionBeforeSending(bool streaming)
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var options = new ChatOptions { RawRepresentationFactory = _ => new Uri("http://127.0.0.1") };

        var ex = await Should.ThrowAsync<OpenCodeException>(() => streaming
            ? chat.GetStreamingResponseAsync("hi", options, Ct).ToChatResponseAsync(Ct)
            : chat.GetResponseAsync("hi", options, Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("ChatOptions.RawRepresentationFactory");
        ex.Message.ShouldContain("System.Uri");
        server.Paths.ShouldNotContain("/v1/chat/completions");
    }

    [Fact]
    public async Task GetResponse_FactoryReturnsRequestWithMessages_InvalidRequest()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var options = new ChatOptions { RawRepresentationFactory = _ => new MessageRequest { Messages = [Message.User("other")] } };

        var ex = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync("hi", options, Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("Messages");
    }

    [Fact]
    public async Task GetResponse_ReservedNameInJsonObject_InvalidRequestNamingIt()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var options = new ChatOptions { RawRepresentationFactory = _ => new JsonObject { ["tools"] = new JsonArray() } };

        var ex = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync("hi", options, Ct));

        ex.Message.ShouldContain("'tools'");
    }

    [Fact]
    public async Task Responses_RawRepresentation_TheCompletedMessageAndEachChunk()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();

        var response = await chat.GetResponseAsync("hi", cancellationToken: Ct);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("hi", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        response.RawRepresentation.ShouldBeOfType<CompletedMessage>().Content.ShouldBe(response.Text);
        updates.ShouldNotBeEmpty();
        updates.ShouldAllBe(u => u.RawRepresentation is MessageChunk);
    }

    private static JsonElement Body(FakeLlamaServer server) => JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement;
}
