using System.Text.Json;
using OpenCode.Client;

namespace OpenCode.Models.Probes;

/// <summary>Reads the OpenCode API's <c>capabilities</c>, <c>metadata</c> and <c>details</c> objects (camelCase, as the API defines them).</summary>
internal static class OpenCodeApiReader
{
    public static ModelCapabilities Capabilities(JsonElement c) => new()
    {
        MaxTokens = Json.Int(c, "maxTokens"),
        Streaming = Json.Bool(c, "streaming"),
        FunctionCalling = Json.Bool(c, "functionCalling"),
        Multimodal = Json.Bool(c, "multimodal"),
        CodeCompletion = Json.Bool(c, "codeCompletion"),
        CodeAnalysis = Json.Bool(c, "codeAnalysis"),
        Languages = Strings(c, "languages"),
        ContextWindow = Json.Int(c, "contextWindow"),
    };

    public static ModelMetadata Metadata(JsonElement m) => new()
    {
        Description = Json.String(m, "description"),
        Category = Json.String(m, "category"),
        Architecture = Json.String(m, "architecture"),
        TrainingData = Json.String(m, "trainingData"),
        FineTuned = Json.Bool(m, "fineTuned"),
        BaseModel = Json.String(m, "baseModel"),
        Pricing = Element(m, "pricing"),
        Tags = Strings(m, "tags"),
        Performance = Element(m, "performance"),
    };

    public static ModelDetails Details(JsonElement d) => new()
    {
        Parameters = Json.Long(d, "parameters"),
        Layers = Json.Int(d, "layers"),
        AttentionHeads = Json.Int(d, "attentionHeads"),
        HiddenSize = Json.Int(d, "hiddenSize"),
        VocabularySize = Json.Int(d, "vocabularySize"),
        License = Json.String(d, "license"),
        Repository = Json.String(d, "repository"),
        Benchmarks = Element(d, "benchmarks"),
    };

    private static IReadOnlyList<string>? Strings(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : null;

    private static JsonElement? Element(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null ? v.Clone() : null;
}
