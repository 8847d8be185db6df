using System.Text.Json;
using OpenCode.Client;
using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>vLLM: <c>/version</c>, and <c>/v1/models</c> with <c>max_model_len</c>, <c>root</c> and <c>parent</c> (the base of a LoRA adapter).</summary>
internal sealed class VllmProbe : IDialectProbe
{
    public string Dialect => ServerDialects.Vllm;

    public async Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken) =>
        await context.GetAsync("version", cancellationToken).ConfigureAwait(false) is { ValueKind: JsonValueKind.Object } version
        && Json.String(version, "version") is not null
        && (await context.OpenAiModelsAsync(cancellationToken).ConfigureAwait(false)).Any(m => Json.Int(m, "max_model_len") is not null);

    public async Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken) =>
        [.. (await context.OpenAiModelsAsync(cancellationToken).ConfigureAwait(false))
            .Select(entry => new ModelListing(Json.String(entry, "id")!, new ModelFingerprint(null, null, null, null), entry))];

    public async Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken)
    {
        var info = ModelListParser.ParseModel(listing.Entry);
        var version = await context.GetAsync("version", cancellationToken).ConfigureAwait(false) ?? default;
        var hints = new ModelFamilyHints { Id = listing.Id, BaseModel = info.BaseModel };
        var family = ModelFamilyDetector.Detect(hints);
        var adapter = Json.String(listing.Entry, "parent") is not null;
        return new DiscoveredModel
        {
            Id = listing.Id,
            Name = listing.Id,
            Version = Json.String(version, "version"),
            Family = family.Id,
            BaseFamily = ModelFamilyDetector.DetectBase(hints)?.Id,
            Dialect = Dialect,
            Capabilities = new ModelCapabilities { Streaming = true, ContextWindow = info.ContextWindow, CodeCompletion = FamilyFimSupport.FimFromFamily(family) },
            Metadata = new ModelMetadata { BaseModel = info.BaseModel, FineTuned = adapter },
            Details = new ModelDetails { Repository = adapter ? null : Json.String(listing.Entry, "root") },
        };
    }
}
