using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenCode.Configuration;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>The four clients under test, each streaming one chat completion and appending its text to a sink.</summary>
internal sealed class StreamClients : IAsyncDisposable
{
    private const string Prompt = "Write a C# function that reverses a string.";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    // What a minimal client sends: the same fields the provider sends for this request.
    private readonly byte[] _leanRequestBody;
    private readonly HttpClient _leanHttp;
    private readonly HttpClient _sdkHttp;
    private readonly HttpClient _providerHttp;
    private readonly Uri _chatUri;
    private readonly OpenAI.Chat.ChatClient _sdk;
    private readonly OpenCodeProvider _provider;
    private readonly MessageRequest _request;
    private readonly List<ChatMessage> _sdkMessages = [new UserChatMessage(Prompt)];
    private readonly ChatCompletionOptions _sdkOptions;
    private readonly ChatFaceClient _chatFace;

    /// <summary>Every client asks for as many tokens as the replay streams, as a real request for that answer would.</summary>
    private StreamClients(Uri root, Func<HttpMessageHandler> handlerFactory, int maxTokens, BenchLimits limits)
    {
        _leanRequestBody = Encoding.UTF8.GetBytes(
            $$$"""{"model":"{{{ReplayTranscript.ModelId}}}","messages":[{"role":"user","content":"{{{Prompt}}}"}],"max_tokens":{{{maxTokens}}},"stream":true,"stream_options":{"include_usage":true}}""");
        _request = new() { Messages = [Message.User(Prompt)], MaxTokens = maxTokens };
        _sdkOptions = new() { MaxOutputTokenCount = maxTokens };
        _leanHttp = new HttpClient(handlerFactory(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _sdkHttp = new HttpClient(handlerFactory(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _providerHttp = new HttpClient(handlerFactory(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _chatUri = new Uri(root, "v1/chat/completions");
        _sdk = new OpenAI.Chat.ChatClient(
            ReplayTranscript.ModelId,
            new ApiKeyCredential("not-needed"),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(root, "v1"),
                Transport = new HttpClientPipelineTransport(_sdkHttp),
                NetworkTimeout = TimeSpan.FromMinutes(5),
            });
        var options = new OpenCodeOptions { ApiEndpoint = root.ToString(), Timeout = 300_000 };
        limits.Apply(options.RateLimits);
        _provider = new OpenCodeProvider(options, _providerHttp);
        _chatFace = new ChatFaceClient(this);
    }

    /// <summary>Gets the provider the OpenCode clients read through (the chat face wraps it).</summary>
    public OpenCodeProvider Provider => _provider;

    /// <summary>Gets the provider's request (its prompt and token limit are the chat face's too).</summary>
    public MessageRequest Request => _request;

    /// <summary>Gets the client names, in the order of <see cref="RunAsync"/>'s index.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "lean: HttpClient + SseParser + Utf8JsonReader → StringBuilder",
        "OpenCodeProvider.SendMessageAsync",
        "OpenAI .NET SDK 2.15 CompleteChatStreamingAsync",
        "OpenCode IChatClient face: GetStreamingResponseAsync",
    ];

    /// <summary>Clients over real sockets against a server at <paramref name="root"/>.</summary>
    public static async Task<StreamClients> ForServerAsync(Uri root, ReplayTranscript transcript, BenchLimits limits)
    {
        var clients = new StreamClients(root, () => new SocketsHttpHandler { AllowAutoRedirect = false }, transcript.Chunks, limits);
        await clients._provider.InitializeAsync();
        return clients;
    }

    /// <summary>Clients over an in-memory handler (no socket, no server).</summary>
    /// <remarks>The address is a loopback one (nothing listens there; the handler answers) so the HTTPS rule for other machines does not apply.</remarks>
    public static async Task<StreamClients> InMemoryAsync(ReplayTranscript transcript, BenchLimits limits)
    {
        var clients = new StreamClients(ReplayHandler.Root, () => new ReplayHandler(transcript), transcript.Chunks, limits);
        await clients._provider.InitializeAsync();
        return clients;
    }

    /// <summary>Gets the final chunk of the last provider stream (finish reason and usage), for verification.</summary>
    public MessageChunk? LastProviderChunk { get; private set; }

    public Task<int> RunAsync(int client, StringBuilder sink) => client switch
    {
        0 => LeanAsync(sink),
        1 => ProviderAsync(sink),
        2 => OpenAiSdkAsync(sink),
        ChatFaceClient.Index => _chatFace.StreamAsync(sink),
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    /// <summary>The lean baseline: HttpClient, <see cref="SseParser"/> and a <see cref="Utf8JsonReader"/> that copies each token's text into the sink.</summary>
    public async Task<int> LeanAsync(StringBuilder sink)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _chatUri) { Content = new ByteArrayContent(_leanRequestBody) };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _leanHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync();
        await using (stream)
        {
            var chunks = 0;
            await foreach (var item in SseParser.Create(stream, (_, data) => AppendContent(data, sink)).EnumerateAsync())
            {
                if (item.Data < 0)
                {
                    break;
                }

                chunks += item.Data;
            }

            return chunks;
        }
    }

    public async Task<int> ProviderAsync(StringBuilder sink)
    {
        var chunks = 0;
        MessageChunk? last = null;
        await foreach (var chunk in _provider.SendMessageAsync(_request))
        {
            if (chunk.Content.Length > 0)
            {
                sink.Append(chunk.Content);
                chunks++;
            }

            last = chunk;
        }

        LastProviderChunk = last;
        return chunks;
    }

    public async Task<int> OpenAiSdkAsync(StringBuilder sink)
    {
        var chunks = 0;
        await foreach (var update in _sdk.CompleteChatStreamingAsync(_sdkMessages, _sdkOptions))
        {
            var parts = update.ContentUpdate;
            if (parts.Count > 0)
            {
                foreach (var part in parts)
                {
                    sink.Append(part.Text);
                }

                chunks++;
            }
        }

        return chunks;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _leanHttp.Dispose();
        _sdkHttp.Dispose();
        _providerHttp.Dispose();
    }

    /// <summary>Reads one event: -1 for <c>[DONE]</c>, 1 when it carried text (appended to the sink), else 0.</summary>
    private static int AppendContent(ReadOnlySpan<byte> data, StringBuilder sink)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return -1;
        }

        var found = 0;
        Span<char> buffer = stackalloc char[256];
        var reader = new Utf8JsonReader(data);
        while (reader.Read())
        {
            // Root object = depth 0, choices[i] = 2, delta = 3, delta's properties = 4.
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 4 && reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty)
                {
                    if (reader.ValueSpan.Length <= 256)
                    {
                        // Unescaped text never has more characters than the raw value has bytes.
                        sink.Append(buffer[..reader.CopyString(buffer)]);
                    }
                    else
                    {
                        sink.Append(reader.GetString());
                    }

                    found = 1;
                }
            }
        }

        return found;
    }
}
