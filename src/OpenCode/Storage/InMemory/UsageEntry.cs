namespace OpenCode.Storage.InMemory;

/// <summary>What the in-memory ledger adds up: one recent record, or one hour's total of older ones (dated at the hour's start).</summary>
internal readonly record struct UsageEntry(DateTimeOffset At, string Endpoint, string Model, string? Credential, UsageTotals Totals)
{
    public static UsageEntry Of(UsageRecord record) => new(
        record.Timestamp,
        record.Endpoint,
        record.Model,
        record.Credential,
        new UsageTotals(1, record.ErrorCode is null ? 0 : 1, record.PromptTokens, record.CompletionTokens, record.Cost ?? 0m));

    public static UsageEntry Of(UsageHour hour, UsageTotals totals) => new(hour.Start, hour.Endpoint, hour.Model, hour.Credential, totals);
}
