using System.Text.Json;
using OpenCode.Client;
using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>llama.cpp's llama-server: <c>/props</c> (n_ctx, template, modalities), <c>/v1/models</c> <c>meta</c>, FIM tokens through <c>/tokenize</c>.</summary>
internal sealed class LlamaCppProbe : IDialectProbe
{
    public string Dialect => ServerDialects.LlamaCpp;

    public async Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken) =>
        await context.GetAsync("props", cancellationToken).ConfigureAwait(false) is { ValueKind: JsonValueKind.Object } props
        && props.TryGetProperty("default_generation_settings", out _);

    public async Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken) =>
        [.. (await context.OpenAiModelsAsync(cancellationToken).ConfigureAwait(false)).Select(entry =>
        {
            var meta = Json.Object(entry, "meta");
            return new ModelListing(Json.String(entry, "id")!, new ModelFingerprint(null, null, Json.Long(meta, "size"), Json.Long(meta, "n_params")), entry);
        })];

    public async Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken)
    {
        var root = await context.GetAsync("props", cancellationToken).ConfigureAwait(false) ?? default;
        var properties = new ServerProperties
        {
            ContextWindow = Json.Int(Json.Object(root, "default_generation_settings"), "n_ctx"),
            ModelPath = Json.String(root, "model_path"),
            ChatTemplate = Json.String(root, "chat_template"),
        };
        var info = ModelListParser.ParseModel(listing.Entry);
        if (!await DescribesAsync(context, listing.Id, properties, cancellationToken).ConfigureAwait(false))
        {
            // A router serving several models: /props and /tokenize speak for the loaded one only.
            properties = new ServerProperties();
            root = default;
        }

        var detection = await FamilyProbe.DetectAsync(context.Client, listing.Id, info, properties.ModelPath is null ? null : properties, cancellationToken).ConfigureAwait(false);
        var meta = Json.Object(listing.Entry, "meta");
        var template = properties.ChatTemplate;
        return new DiscoveredModel
        {
            Id = listing.Id,
            Name = Json.String(root, "model_alias") ?? listing.Id,
            Family = detection.Family.Id,
            BaseFamily = detection.BaseFamily?.Id,
            Dialect = Dialect,
            Capabilities = new ModelCapabilities
            {
                Streaming = true,
                ContextWindow = properties.ContextWindow ?? Json.Int(meta, "n_ctx"),
                CodeCompletion = detection.SupportsFim,
                ChatTemplate = template is null ? null : template.Length > 0,
                FunctionCalling = Json.Bool(Json.Object(root, "chat_template_caps"), "supports_tools"),
                Multimodal = Json.Bool(Json.Object(root, "modalities"), "vision"),
                Reasoning = template is null ? null : template.Contains("<think>", StringComparison.Ordinal),
            },
            Metadata = new ModelMetadata { BaseModel = info.BaseModel },
            Details = new ModelDetails { Parameters = info.ParameterCount, VocabularySize = info.VocabularySize, HiddenSize = Json.Int(meta, "n_embd") },
            Fingerprint = listing.Fingerprint,
            FimTokensInVocabulary = detection.VocabularyHasFim,
        };
    }

    private static async Task<bool> DescribesAsync(ProbeContext context, string id, ServerProperties properties, CancellationToken cancellationToken)
    {
        if ((await context.OpenAiModelsAsync(cancellationToken).ConfigureAwait(false)).Count <= 1)
        {
            return true;
        }

        return properties.ModelPath is { Length: > 0 } path
            && (id == path || id == Path.GetFileName(path) || id == Path.GetFileNameWithoutExtension(path));
    }
}
