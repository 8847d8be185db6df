namespace OpenCode.Models.Probes;

/// <summary>Recognises one server dialect and reads its models.</summary>
internal interface IDialectProbe
{
    /// <summary>Gets the dialect (a <see cref="ServerDialects"/> value).</summary>
    string Dialect { get; }

    /// <summary>Whether the server speaks this dialect.</summary>
    Task<bool> MatchesAsync(ProbeContext context, CancellationToken cancellationToken);

    /// <summary>Lists the models cheaply: ids and fingerprints, enough to tell whether a model changed.</summary>
    Task<IReadOnlyList<ModelListing>> ListAsync(ProbeContext context, CancellationToken cancellationToken);

    /// <summary>Reads everything the dialect offers about one listed model (may send more requests).</summary>
    Task<DiscoveredModel> DescribeAsync(ProbeContext context, ModelListing listing, CancellationToken cancellationToken);
}
