using System.Text;
using OpenCode.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

/// <summary>Builds clients over scripted handlers, and SSE bodies from chunk JSON.</summary>
internal static class ClientHarness
{
    public static readonly Uri Endpoint = new("http://127.0.0.1:18080/v1");

    public static OpenCodeClient Create(ScriptedHandler handler, TimeProvider? time = null, Func<OpenCodeClientOptions, OpenCodeClientOptions>? configure = null)
    {
        var options = new OpenCodeClientOptions { Endpoint = Endpoint, ApiKey = "sk-test-secret" };
        return new OpenCodeClient(configure?.Invoke(options) ?? options, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, time);
    }

    public static ScriptedHandler Streaming(Func<ScriptedStream> body) =>
        new((_, _, _) => Task.FromResult(ScriptedHandler.Sse(body())));

    public static byte[] Transcript(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Transcripts", name));

    public static string Delta(string content) =>
        $$$"""{"choices":[{"finish_reason":null,"index":0,"delta":{"content":{{{System.Text.Json.JsonSerializer.Serialize(content)}}}}}],"model":"tiny","object":"chat.completion.chunk"}""";

    public static string Finish(string reason) =>
        $$$"""{"choices":[{"finish_reason":"{{{reason}}}","index":0,"delta":{}}],"model":"tiny","object":"chat.completion.chunk"}""";

    public static byte[] Events(params string[] data) =>
        Encoding.UTF8.GetBytes(string.Concat(data.Select(d => $"data: {d}\n\n")));

    public static MessageRequest Chat(string text = "hi") => new() { Messages = [Message.User(text)], MaxTokens = 16 };

    public static async Task<(List<MessageChunk> Chunks, Exception? Error)> CollectAsync(IAsyncEnumerable<MessageChunk> stream)
    {
        var chunks = new List<MessageChunk>();
        try
        {
            await foreach (var chunk in stream)
            {
                chunks.Add(chunk);
            }

            return (chunks, null);
        }
        catch (Exception ex)
        {
            return (chunks, ex);
        }
    }
}
