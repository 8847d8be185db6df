using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenCode.Benchmarks;

/// <summary>
/// A recorded llama-server stream expanded to a fixed number of one-token content chunks and preformatted as one SSE body:
/// the recording's role chunk, its content events repeated until <see cref="Chunks"/> are written, then its finish chunk,
/// its usage chunk and <c>data: [DONE]</c>. The usage chunk is rewritten to report the chunks actually streamed (one token each),
/// so what the provider settles with its limiter and writes to its ledger matches what it read.
/// </summary>
internal sealed class ReplayTranscript
{
    public const string ModelId = "tiny";
    public const string DefaultFileName = "llama-server-chat-stream.include-usage.sse";

    private ReplayTranscript(byte[] body, int chunks, string expectedContent, int[] contentLengths)
    {
        Body = body;
        Chunks = chunks;
        ExpectedContent = expectedContent;
        ContentLengths = contentLengths;
    }

    /// <summary>Gets the whole SSE response body.</summary>
    public byte[] Body { get; }

    /// <summary>Gets the number of content chunks (one token each) in <see cref="Body"/>.</summary>
    public int Chunks { get; }

    /// <summary>Gets the prompt tokens the usage chunk reports.</summary>
    public long PromptTokens { get; private init; }

    /// <summary>Gets the concatenated content every client must produce.</summary>
    public string ExpectedContent { get; }

    /// <summary>Gets the length in characters of each content chunk, in order.</summary>
    public IReadOnlyList<int> ContentLengths { get; }

    /// <summary>Gets the <c>/v1/models</c> answer (llama-server's shape).</summary>
    public static byte[] ModelsJson { get; } = Encoding.UTF8.GetBytes(
        $$$"""{"models":[{"name":"{{{ModelId}}}","model":"{{{ModelId}}}"}],"object":"list","data":[{"id":"{{{ModelId}}}","object":"model","created":1795277819,"owned_by":"llamacpp","meta":{"n_ctx_train":65536,"n_params":19500000,"n_vocab":32000,"size":40000000}}]}""");

    /// <summary>Gets the <c>/props</c> answer (llama-server's shape, trimmed); the context fits the longest replay.</summary>
    public static byte[] PropsJson { get; } = Encoding.UTF8.GetBytes(
        """{"default_generation_settings":{"n_ctx":65536},"total_slots":1,"model_path":"tiny.gguf","chat_template":"{% for message in messages %}{{ message.content }}{% endfor %}"}""");

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Transcripts", DefaultFileName);

    public static ReplayTranscript Load(string path, int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        var events = File.ReadAllText(path)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        string? role = null;
        string? finish = null;
        string? usage = null;
        var content = new List<(string Event, string Text)>();
        foreach (var sseEvent in events)
        {
            if (!sseEvent.StartsWith("data: ", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Unexpected SSE line in {path}: {sseEvent[..Math.Min(80, sseEvent.Length)]}");
            }

            var data = sseEvent["data: ".Length..];
            if (data == "[DONE]")
            {
                continue;
            }

            using var json = JsonDocument.Parse(data);
            var choices = json.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() == 0)
            {
                usage = sseEvent;
                continue;
            }

            var choice = choices[0];
            var delta = choice.GetProperty("delta");
            if (choice.GetProperty("finish_reason").ValueKind != JsonValueKind.Null)
            {
                finish = sseEvent;
            }
            else if (delta.TryGetProperty("role", out _))
            {
                role = sseEvent;
            }
            else if (delta.TryGetProperty("content", out var text) && text.GetString() is { Length: > 0 } token)
            {
                content.Add((sseEvent, token));
            }
        }

        if (role is null || finish is null || usage is null || content.Count == 0)
        {
            throw new InvalidDataException($"{path} lacks a role, content, finish or usage chunk.");
        }

        var body = new StringBuilder(capacity: (chunks + 4) * (content[0].Event.Length + 8));
        var expected = new StringBuilder();
        var lengths = new int[chunks];
        body.Append(role).Append("\n\n");
        for (var i = 0; i < chunks; i++)
        {
            var (sseEvent, text) = content[i % content.Count];
            body.Append(sseEvent).Append("\n\n");
            expected.Append(text);
            lengths[i] = text.Length;
        }

        var (usageEvent, promptTokens) = WithCompletionTokens(usage, chunks);
        body.Append(finish).Append("\n\n").Append(usageEvent).Append("\n\n").Append("data: [DONE]\n\n");
        return new ReplayTranscript(Encoding.UTF8.GetBytes(body.ToString()), chunks, expected.ToString(), lengths) { PromptTokens = promptTokens };
    }

    /// <summary>Rewrites a usage event's completion tokens (and <c>timings.predicted_n</c>) to <paramref name="completionTokens"/>.</summary>
    private static (string Event, long PromptTokens) WithCompletionTokens(string usageEvent, int completionTokens)
    {
        var root = JsonNode.Parse(usageEvent["data: ".Length..])!.AsObject();
        var usage = root["usage"]!.AsObject();
        var prompt = usage["prompt_tokens"]!.GetValue<long>();
        usage["completion_tokens"] = completionTokens;
        usage["total_tokens"] = prompt + completionTokens;
        if (root["timings"] is JsonObject timings)
        {
            timings["predicted_n"] = completionTokens;
        }

        return ("data: " + root.ToJsonString(), prompt);
    }
}
