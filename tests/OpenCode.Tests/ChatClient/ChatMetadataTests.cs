using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.ChatClient;

/// <summary>Metadata known right after construction, and the server's id and creation time on responses.</summary>
public sealed class ChatMetadataTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1795277819);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetService_RightAfterConstruction_ProviderNameEndpointAndDefaultModel()
    {
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:9/v1", Models = { DefaultModel = "qwen-coder" } });
        using var chat = provider.AsIChatClient();

        var metadata = chat.GetService<ChatClientMetadata>().ShouldNotBeNull();

        metadata.ProviderName.ShouldBe("opencode");
        metadata.ProviderUri.ShouldBe(new Uri("http://127.0.0.1:9/v1"));
        metadata.DefaultModelId.ShouldBe("qwen-coder");
    }

    [Fact]
    public async Task GetService_AfterConnecting_TheServersModelAndEndpoint()
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient();
        chat.GetService<ChatClientMetadata>()!.DefaultModelId.ShouldBeNull();

        await provider.InitializeAsync(Ct);

        var metadata = chat.GetService<ChatClientMetadata>()!;
        metadata.DefaultModelId.ShouldBe("tiny-coder");
        metadata.ProviderUri!.Port.ShouldBe(new Uri(server.Url).Port);
    }

    [Theory]
    [InlineData(true, "chatcmpl-s")]
    [InlineData(false, "chatcmpl-w")]
    public async Task GetResponse_ServerIdAndCreated_ResponseIdMessageIdCreatedAtAndRaw(bool streamingWire, string expectedId)
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url, Features = { Streaming = streamingWire } });
        using var chat = provider.AsIChatClient();

        var response = await chat.GetResponseAsync("hi", cancellationToken: Ct);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("hi", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        response.ResponseId.ShouldBe(expectedId);
        response.CreatedAt.ShouldBe(Created);
        response.Messages.Single().MessageId.ShouldBe(expectedId);
        response.RawRepresentation.ShouldBeOfType<CompletedMessage>();
        updates.ShouldAllBe(u => u.ResponseId == expectedId && u.CreatedAt == Created && u.RawRepresentation is MessageChunk);
        updates.SelectMany(u => u.Contents).OfType<UsageContent>().Count().ShouldBe(1);
        updates.ToChatResponse().Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StreamChatCompletion_IdAndCreated_OnFirstTextChunkAndFinalChunkOnly()
    {
        var body = ClientHarness.Transcript("llama-server-chat-stream.tool-calls.sse");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, int.MaxValue)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        error.ShouldBeNull();
        var expected = new ResponseIdentity("chatcmpl-tools1", Created);
        chunks[0].Response.ShouldBe(expected);
        chunks[^1].Response.ShouldBe(expected);
        chunks.Skip(1).Take(chunks.Count - 2).ShouldAllBe(c => c.Response == null);
    }
}
