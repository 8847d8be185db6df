using System.Text.Json;
using OpenCode.Client;
using OpenCode.Families;

namespace OpenCode.Models.Probes;

/// <summary>An OpenCode API: <c>/models</c> lists models with <c>capabilities</c> and <c>metadata</c>; <c>/models/{id}</c> adds <c>details</c>.</summary>
internal sealed class OpenCodeApiProbe : IDialectProbe
{
    public string Dialect => ServerDialects.OpenCode;

    public async Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken) =>
        (await EntriesAsync(context, cancellationToken).ConfigureAwait(false)).Any(m => Json.Object(m, "capabilities").ValueKind == JsonValueKind.Object);

    public async Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken) =>
        [.. (await EntriesAsync(context, cancellationToken).ConfigureAwait(false)).Select(m => new ModelListing(
            Json.String(m, "id")!,
            new ModelFingerprint(Json.String(m, "digest"), Json.String(m, "version"), null, Json.Long(Json.Object(m, "details"), "parameters")),
            m))];

    public async Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken)
    {
        var detail = await context.GetAsync("models/" + Uri.EscapeDataString(listing.Id), cancellationToken).ConfigureAwait(false);
        var model = detail is { ValueKind: JsonValueKind.Object } d && Json.String(d, "id") == listing.Id ? d : listing.Entry;
        var metadata = OpenCodeApiReader.Metadata(Json.Object(model, "metadata"));
        var hints = new ModelFamilyHints { Id = listing.Id, BaseModel = metadata.BaseModel, ModelName = Json.String(model, "name"), Architecture = metadata.Architecture };
        var family = ModelFamilyDetector.Detect(hints);
        var capabilities = OpenCodeApiReader.Capabilities(Json.Object(model, "capabilities"));
        return new DiscoveredModel
        {
            Id = listing.Id,
            Name = Json.String(model, "name"),
            Version = Json.String(model, "version"),
            Family = family.Id,
            BaseFamily = ModelFamilyDetector.DetectBase(hints)?.Id,
            Dialect = Dialect,
            Capabilities = capabilities with { CodeCompletion = capabilities.CodeCompletion ?? FamilyFimSupport.FimFromFamily(family) },
            Metadata = metadata,
            Details = OpenCodeApiReader.Details(Json.Object(model, "details")),
            Fingerprint = listing.Fingerprint,
        };
    }

    private static async Task<IReadOnlyList<JsonElement>> EntriesAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var root = await context.GetAsync("models", cancellationToken).ConfigureAwait(false);
        var list = root switch
        {
            { ValueKind: JsonValueKind.Array } array => array,
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("models", out var m) && m.ValueKind == JsonValueKind.Array => m,
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("data", out var m) && m.ValueKind == JsonValueKind.Array => m,
            _ => default,
        };
        return list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Where(m => Json.String(m, "id") is not null)] : [];
    }
}
