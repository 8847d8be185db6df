namespace OpenCode.Storage;

/// <summary>Which ledger records to add up: a time range and, optionally, one endpoint, model or credential.</summary>
/// <param name="From">The start of the range (inclusive).</param>
/// <param name="To">The end of the range (exclusive).</param>
/// <param name="Endpoint">Only this endpoint, or <see langword="null"/> for all.</param>
/// <param name="Model">Only this model, or <see langword="null"/> for all.</param>
/// <param name="Credential">Only this credential, or <see langword="null"/> for all.</param>
public sealed record UsageQuery(DateTimeOffset From, DateTimeOffset To, string? Endpoint = null, string? Model = null, string? Credential = null);
