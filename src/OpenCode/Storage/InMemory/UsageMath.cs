namespace OpenCode.Storage.InMemory;

/// <summary>Adds up ledger entries in memory, the way the SQL stores do with <c>SUM</c>.</summary>
internal static class UsageMath
{
    internal static UsageTotals Sum(IEnumerable<UsageEntry> entries)
    {
        var sum = UsageTotals.Empty;
        foreach (var entry in entries)
        {
            sum = Add(sum, entry.Totals);
        }

        return sum;
    }

    internal static UsageTotals Add(UsageTotals a, UsageTotals b) => new(
        a.Requests + b.Requests, a.Errors + b.Errors, a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens, a.Cost + b.Cost);

    /// <summary>Whether an entry falls in the query's range and filters.</summary>
    internal static bool Matches(this UsageQuery query, UsageEntry entry) =>
        entry.At >= query.From && entry.At < query.To
        && (query.Endpoint is null || string.Equals(query.Endpoint, entry.Endpoint, StringComparison.Ordinal))
        && (query.Model is null || string.Equals(query.Model, entry.Model, StringComparison.Ordinal))
        && (query.Credential is null || string.Equals(query.Credential, entry.Credential, StringComparison.Ordinal));
}
