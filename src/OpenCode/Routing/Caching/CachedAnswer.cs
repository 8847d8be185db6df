using System.Text.Json.Serialization;

namespace OpenCode.Routing.Caching;

/// <summary>A whole answer as the response cache stores it.</summary>
internal sealed record CachedAnswer(string? Model, string Content, string FinishReason, int PromptTokens, int CompletionTokens)
{
    public static CachedAnswer From(MessageChunk final, string content, FinishReason finish) =>
        new(final.Metadata.Model, content, finish.Value, final.Metadata.Usage?.PromptTokens ?? 0, final.Metadata.Usage?.CompletionTokens ?? 0);
}

[JsonSerializable(typeof(CachedAnswer))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CachedAnswerJsonContext : JsonSerializerContext;
