using System.Text.Json;
using OpenCode.Client;
using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>Hugging Face TGI: one model described by <c>/info</c> (<c>model_id</c>, <c>model_sha</c>, <c>max_input_tokens</c>, <c>max_total_tokens</c>).</summary>
internal sealed class TgiProbe : IDialectProbe
{
    public string Dialect => ServerDialects.Tgi;

    public async Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken) =>
        await context.GetAsync("info", cancellationToken).ConfigureAwait(false) is { ValueKind: JsonValueKind.Object } info
        && Json.String(info, "model_id") is not null;

    public async Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var info = await context.GetAsync("info", cancellationToken).ConfigureAwait(false);
        return info is { ValueKind: JsonValueKind.Object } root && Json.String(root, "model_id") is { } id
            ? [new ModelListing(id, new ModelFingerprint(Json.String(root, "model_sha"), null, null, null), root)]
            : [];
    }

    public Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken)
    {
        var info = listing.Entry;
        var family = ModelFamilyDetector.Detect(new ModelFamilyHints { Id = listing.Id });
        return Task.FromResult(new DiscoveredModel
        {
            Id = listing.Id,
            Name = listing.Id,
            Version = Json.String(info, "version"),
            Family = family.Id,
            Dialect = Dialect,
            Capabilities = new ModelCapabilities
            {
                Streaming = true,
                // max_total_tokens bounds prompt plus answer: the context window; max_input_tokens (max_input_length before TGI 2) only the prompt.
                ContextWindow = Json.Int(info, "max_total_tokens") ?? Json.Int(info, "max_input_tokens") ?? Json.Int(info, "max_input_length"),
                CodeCompletion = FamilyFimSupport.FimFromFamily(family),
            },
            Details = new ModelDetails { Repository = listing.Id },
            Fingerprint = listing.Fingerprint,
        });
    }
}
