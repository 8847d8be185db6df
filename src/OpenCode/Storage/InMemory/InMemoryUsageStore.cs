namespace OpenCode.Storage.InMemory;

/// <summary>A usage ledger in this process's memory; lost when the process ends.</summary>
internal sealed class InMemoryUsageStore : IUsageStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, UsageRecord> _records = [];

    /// <inheritdoc />
    public ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.TryAdd(record.Id, record);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(UsageMath.Sum(Select(query)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<UsageDay>> GetDailyTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UsageDay> days = [.. Select(query)
            .GroupBy(r => DateOnly.FromDateTime(r.Timestamp.UtcDateTime))
            .OrderBy(g => g.Key)
            .Select(g => new UsageDay(g.Key, UsageMath.Sum(g)))];
        return ValueTask.FromResult(days);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<UsageBreakdown>> GetTotalsByModelAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UsageBreakdown> groups = [.. Select(query)
            .GroupBy(r => (r.Endpoint, r.Model))
            .OrderBy(g => g.Key.Endpoint, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => new UsageBreakdown(g.Key.Endpoint, g.Key.Model, UsageMath.Sum(g)))];
        return ValueTask.FromResult(groups);
    }

    private List<UsageRecord> Select(UsageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return [.. _records.Values.Where(query.Matches)];
        }
    }
}
