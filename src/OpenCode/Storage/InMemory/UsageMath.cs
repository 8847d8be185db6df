namespace OpenCode.Storage.InMemory;

/// <summary>Adds up records in memory, the way the SQL stores do with <c>SUM</c>.</summary>
internal static class UsageMath
{
    internal static UsageTotals Sum(IEnumerable<UsageRecord> records)
    {
        long requests = 0, errors = 0, prompt = 0, completion = 0;
        decimal cost = 0m;
        foreach (var record in records)
        {
            requests++;
            errors += record.ErrorCode is null ? 0 : 1;
            prompt += record.PromptTokens;
            completion += record.CompletionTokens;
            cost += record.Cost ?? 0m;
        }

        return new UsageTotals(requests, errors, prompt, completion, cost);
    }

    /// <summary>Whether a record falls in the query's range and filters.</summary>
    internal static bool Matches(this UsageQuery query, UsageRecord record) =>
        record.Timestamp >= query.From && record.Timestamp < query.To
        && (query.Endpoint is null || string.Equals(query.Endpoint, record.Endpoint, StringComparison.Ordinal))
        && (query.Model is null || string.Equals(query.Model, record.Model, StringComparison.Ordinal))
        && (query.Credential is null || string.Equals(query.Credential, record.Credential, StringComparison.Ordinal));
}
