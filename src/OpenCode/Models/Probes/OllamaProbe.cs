using System.Globalization;
using System.Text.Json;
using OpenCode.Client;
using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>Ollama: <c>/api/version</c>, <c>/api/tags</c> (digest, size, modified time), <c>/api/show</c> (capabilities, model_info), <c>/api/ps</c> (runtime context).</summary>
internal sealed class OllamaProbe : IDialectProbe
{
    public string Dialect => ServerDialects.Ollama;

    public async Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken) =>
        await context.GetAsync("api/version", cancellationToken).ConfigureAwait(false) is { ValueKind: JsonValueKind.Object } version
        && Json.String(version, "version") is not null;

    public async Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var tags = await context.GetAsync("api/tags", cancellationToken).ConfigureAwait(false);
        if (tags is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. models.EnumerateArray()
            .Where(m => (Json.String(m, "model") ?? Json.String(m, "name")) is not null)
            .Select(m => new ModelListing(
                Json.String(m, "model") ?? Json.String(m, "name")!,
                new ModelFingerprint(Json.String(m, "digest"), Json.String(m, "modified_at"), Json.Long(m, "size"), null),
                m))];
    }

    public async Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken)
    {
        var show = await context.PostAsync("api/show", new Dictionary<string, string> { ["model"] = listing.Id }, cancellationToken).ConfigureAwait(false) ?? default;
        var details = Json.Object(listing.Entry, "details");
        var info = Json.Object(show, "model_info");
        var architecture = Json.String(info, "general.architecture") ?? Json.String(details, "family");
        var capabilities = show.ValueKind == JsonValueKind.Object && show.TryGetProperty("capabilities", out var caps) && caps.ValueKind == JsonValueKind.Array
            ? caps.EnumerateArray().Select(c => c.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : null;
        var parent = Json.String(details, "parent_model") is { Length: > 0 } p ? p : null;
        var hints = new ModelFamilyHints
        {
            Id = listing.Id,
            BaseModel = parent,
            ModelName = Json.String(info, "general.basename") ?? Json.String(info, "general.name"),
            Architecture = architecture,
        };
        var family = ModelFamilyDetector.Detect(hints);
        int? ArchInt(string key) => architecture is null ? null : Json.Int(info, $"{architecture}.{key}");
        return new DiscoveredModel
        {
            Id = listing.Id,
            Name = Json.String(listing.Entry, "name") ?? listing.Id,
            Family = family.Id,
            BaseFamily = ModelFamilyDetector.DetectBase(hints)?.Id,
            Dialect = Dialect,
            Capabilities = new ModelCapabilities
            {
                Streaming = true,
                ContextWindow = await RunningContextAsync(context, listing.Id, cancellationToken).ConfigureAwait(false) ?? ArchInt("context_length"),
                CodeCompletion = capabilities?.Contains("insert"),
                FunctionCalling = capabilities?.Contains("tools"),
                Multimodal = capabilities?.Contains("vision"),
                Reasoning = capabilities?.Contains("thinking"),
                ChatTemplate = Json.String(show, "template") is { } template ? template.Length > 0 : null,
            },
            Metadata = new ModelMetadata { Architecture = architecture, BaseModel = parent, FineTuned = parent is null ? null : true },
            Details = new ModelDetails
            {
                Parameters = Json.Long(info, "general.parameter_count") ?? ParseParameterSize(Json.String(details, "parameter_size")),
                Layers = ArchInt("block_count"),
                AttentionHeads = ArchInt("attention.head_count"),
                HiddenSize = ArchInt("embedding_length"),
                VocabularySize = ArchInt("vocab_size"),
                License = Json.String(show, "license"),
            },
            Fingerprint = listing.Fingerprint with { ParameterCount = Json.Long(info, "general.parameter_count") },
        };
    }

    /// <summary>The context a loaded model runs with (<c>/api/ps</c> <c>context_length</c>, newer Ollama only).</summary>
    private static async Task<int?> RunningContextAsync(ProbeContext context, string id, CancellationToken cancellationToken)
    {
        var ps = await context.GetAsync("api/ps", cancellationToken).ConfigureAwait(false);
        return ps is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array
            ? models.EnumerateArray().Where(m => (Json.String(m, "model") ?? Json.String(m, "name")) == id).Select(m => Json.Int(m, "context_length")).FirstOrDefault()
            : null;
    }

    /// <summary>Reads Ollama's <c>parameter_size</c> ("7.6B", "137M").</summary>
    internal static long? ParseParameterSize(string? text)
    {
        if (string.IsNullOrEmpty(text) || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return char.ToUpperInvariant(text[^1]) switch
        {
            'B' => (long)(value * 1e9),
            'M' => (long)(value * 1e6),
            'K' => (long)(value * 1e3),
            _ => null,
        };
    }
}
