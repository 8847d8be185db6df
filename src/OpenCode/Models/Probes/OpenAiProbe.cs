using OpenCode.Client;
using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>Any OpenAI-compatible server (LM Studio, LocalAI): only <c>/v1/models</c>; the family comes from the id.</summary>
internal sealed class OpenAiProbe : IDialectProbe
{
    public string Dialect => ServerDialects.OpenAi;

    public Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken) =>
        [.. (await context.OpenAiModelsAsync(cancellationToken).ConfigureAwait(false))
            .Select(entry => new ModelListing(Json.String(entry, "id")!, new ModelFingerprint(null, null, null, null), entry))];

    public Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken)
    {
        var info = ModelListParser.ParseModel(listing.Entry);
        var hints = new ModelFamilyHints { Id = listing.Id, BaseModel = info.BaseModel };
        var family = ModelFamilyDetector.Detect(hints);
        return Task.FromResult(new DiscoveredModel
        {
            Id = listing.Id,
            Name = listing.Id,
            Family = family.Id,
            BaseFamily = ModelFamilyDetector.DetectBase(hints)?.Id,
            Dialect = Dialect,
            Capabilities = new ModelCapabilities { ContextWindow = info.ContextWindow, CodeCompletion = FamilyFimSupport.FimFromFamily(family) },
            Metadata = new ModelMetadata { BaseModel = info.BaseModel, FineTuned = info.BaseModel is null ? null : true },
        });
    }
}
