using OpenCode.Storage;

namespace OpenCode.Benchmarks;

/// <summary>
/// A usage ledger that counts records and keeps none, for the soak: the default in-memory ledger keeps every record by
/// design (about 200 bytes each), which would hide a leak of the request path behind its own growth.
/// </summary>
internal sealed class CountingUsageStore : IUsageStore
{
    private long _records;

    public long Records => Interlocked.Read(ref _records);

    public ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _records);
        return ValueTask.CompletedTask;
    }

    public ValueTask<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(UsageTotals.Empty);

    public ValueTask<IReadOnlyList<UsageDay>> GetDailyTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<UsageDay>>([]);

    public ValueTask<IReadOnlyList<UsageBreakdown>> GetTotalsByModelAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<UsageBreakdown>>([]);
}
