using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Small readers for <see cref="JsonElement"/> values that tolerate absent fields and name the ones of the wrong type.</summary>
internal static class Json
{
    public static string? OptionalString(JsonElement element, string name, string path) =>
        !element.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new OpenCodeInvalidResponseException($"The response's {path} is a JSON {value.ValueKind}, expected a string.", Sample(element)),
        };

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    public static int? Int(JsonElement element, string name) =>
        Long(element, name) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static float? Float(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number)
            ? number
            : null;

    public static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    public static StreamEvent ReadUsage(JsonElement root)
    {
        var usage = Object(root, "usage");
        var timings = Object(root, "timings");
        return new StreamEvent
        {
            Usage = new StreamUsage
            {
                PromptTokens = Int(usage, "prompt_tokens"),
                CompletionTokens = Int(usage, "completion_tokens"),
                CachedTokens = Int(Object(usage, "prompt_tokens_details"), "cached_tokens"),
                TimingsPromptTokens = Int(timings, "prompt_n"),
                TimingsCachedTokens = Int(timings, "cache_n"),
                TimingsPredictedTokens = Int(timings, "predicted_n"),
            },
        };
    }

    public static string Sample(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
    }
}
