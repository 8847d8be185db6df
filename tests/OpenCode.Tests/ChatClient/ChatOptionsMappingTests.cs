using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;
using OpenCode.Tests.Provider;

namespace OpenCode.Tests.ChatClient;

/// <summary>Nothing a caller sets is dropped: instructions, response formats and images reach the wire, or fail with a typed error.</summary>
public sealed class ChatOptionsMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_Instructions_SentAsFirstSystemMessage()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();

        await chat.GetResponseAsync("hi", new ChatOptions { Instructions = "Answer in French." }, Ct);

        var messages = Body(server).GetProperty("messages");
        messages[0].GetProperty("role").GetString().ShouldBe("system");
        messages[0].GetProperty("content").GetString().ShouldBe("Answer in French.");
        messages[1].GetProperty("content").GetString().ShouldBe("hi");
    }

    [Fact]
    public async Task GetResponse_ResponseFormatJson_SentAsJsonObject()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();

        await chat.GetResponseAsync("hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, Ct);

        Body(server).GetProperty("response_format").GetProperty("type").GetString().ShouldBe("json_object");
    }

    [Fact]
    public async Task GetResponse_ResponseFormatForJsonSchema_SentAsJsonSchemaWithNameAndSchema()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}""").RootElement;

        await chat.GetResponseAsync("hi", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "count", "A count") }, Ct);

        var format = Body(server).GetProperty("response_format");
        format.GetProperty("type").GetString().ShouldBe("json_schema");
        format.GetProperty("json_schema").GetProperty("name").GetString().ShouldBe("count");
        format.GetProperty("json_schema").GetProperty("schema").GetProperty("required")[0].GetString().ShouldBe("n");
    }

    [Fact]
    public async Task GetResponse_ImageDataContent_SentAsImageUrlPartWithDataUri()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var message = new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new UriContent("https://example.test/a.jpg", "image/jpeg")]);

        await chat.GetResponseAsync([message], cancellationToken: Ct);

        var parts = Body(server).GetProperty("messages")[0].GetProperty("content");
        parts[0].GetProperty("text").GetString().ShouldBe("what is this?");
        parts[1].GetProperty("image_url").GetProperty("url").GetString().ShouldBe("data:image/png;base64,AQID");
        parts[2].GetProperty("image_url").GetProperty("url").GetString().ShouldBe("https://example.test/a.jpg");
    }

    [Fact]
    public async Task GetResponse_ImageForModelWithoutVision_CapabilityNotSupportedAndNothingSent()
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient();
        var message = new ChatMessage(ChatRole.User, [new TextContent("see"), new DataContent(new byte[] { 1 }, "image/png")]);

        var error = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync([message], cancellationToken: Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        error.Message.ShouldContain("no vision");
        server.ChatRequests.ShouldBe(0);
    }

    [Fact]
    public async Task GetResponse_NonImageData_CapabilityNotSupportedNamingTheMessage()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var message = new ChatMessage(ChatRole.User, [new TextContent("read"), new DataContent(new byte[] { 1 }, "application/pdf")]);

        var error = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync([new ChatMessage(ChatRole.System, "s"), message], cancellationToken: Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        error.Message.ShouldContain("messages[1] holds a DataContent");
    }

    [Theory]
    [InlineData("ConversationId")]
    [InlineData("AllowBackgroundResponses")]
    [InlineData("Reasoning")]
    public async Task GetResponse_OptionTheServerCannotHonour_CapabilityNotSupportedNamingIt(string option)
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        using var chat = provider.AsIChatClient();
        var options = option switch
        {
            "ConversationId" => new ChatOptions { ConversationId = "c1" },
            "AllowBackgroundResponses" => new ChatOptions { AllowBackgroundResponses = true },
            _ => new ChatOptions { Reasoning = new ReasoningOptions() },
        };

        var error = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync("hi", options, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        error.Message.ShouldContain("ChatOptions." + option);
    }

    [Fact]
    public async Task SendMessage_PlainCompletionWithJsonSchema_SentAsLlamaCppJsonSchema()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        var schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

        await provider.SendMessageAsync(new MessageRequest { Prompt = "x", Mode = CompletionMode.Completion, ResponseFormat = ResponseFormat.ForJsonSchema(schema) }, Ct)
            .ToCompletedMessageAsync(cancellationToken: Ct);

        var body = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/completions")).RootElement;
        body.GetProperty("json_schema").GetProperty("type").GetString().ShouldBe("object");
        body.TryGetProperty("response_format", out _).ShouldBeFalse();
    }

    private static JsonElement Body(FakeLlamaServer server) => JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement;
}
