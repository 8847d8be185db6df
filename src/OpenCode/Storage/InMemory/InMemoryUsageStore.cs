namespace OpenCode.Storage.InMemory;

/// <summary>
/// A usage ledger in this process's memory, bounded whatever the traffic: the most recent records one by one, older ones as one
/// total per UTC hour, endpoint, model and credential, kept for <see cref="InMemoryStoreOptions.UsageRetention"/>; lost when the process ends.
/// </summary>
internal sealed class InMemoryUsageStore(InMemoryStoreOptions options) : IUsageStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, UsageRecord> _recent = [];
    private readonly Queue<UsageRecord> _arrival = new();
    private readonly Dictionary<UsageHour, UsageTotals> _hours = [];
    private DateTimeOffset _newest = DateTimeOffset.MinValue;
    private DateTimeOffset _prunedUpTo = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_recent.TryAdd(record.Id, record))
            {
                _arrival.Enqueue(record);
                _newest = record.Timestamp > _newest ? record.Timestamp : _newest;
                while (_arrival.Count > options.UsageRecentRecords)
                {
                    Fold(_arrival.Dequeue());
                }
            }
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
            .GroupBy(e => DateOnly.FromDateTime(e.At.UtcDateTime))
            .OrderBy(g => g.Key)
            .Select(g => new UsageDay(g.Key, UsageMath.Sum(g)))];
        return ValueTask.FromResult(days);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<UsageBreakdown>> GetTotalsByModelAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UsageBreakdown> groups = [.. Select(query)
            .GroupBy(e => (e.Endpoint, e.Model))
            .OrderBy(g => g.Key.Endpoint, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => new UsageBreakdown(g.Key.Endpoint, g.Key.Model, UsageMath.Sum(g)))];
        return ValueTask.FromResult(groups);
    }

    /// <summary>Gets how many recent records and hourly totals the ledger holds (what its memory grows with).</summary>
    internal (int Recent, int Hours) Count
    {
        get
        {
            lock (_gate)
            {
                return (_recent.Count, _hours.Count);
            }
        }
    }

    /// <summary>Moves the oldest recent record into its hour's total, and drops hours past retention once per new hour.</summary>
    private void Fold(UsageRecord record)
    {
        _recent.Remove(record.Id);
        var hour = UsageHour.Of(record);
        var oldest = _newest - options.UsageRetention;
        if (hour.Start + TimeSpan.FromHours(1) <= oldest)
        {
            return;
        }

        var entry = UsageEntry.Of(record).Totals;
        _hours[hour] = _hours.TryGetValue(hour, out var total) ? UsageMath.Add(total, entry) : entry;
        if (oldest - _prunedUpTo >= TimeSpan.FromHours(1))
        {
            _prunedUpTo = oldest;
            foreach (var expired in _hours.Keys.Where(h => h.Start + TimeSpan.FromHours(1) <= oldest).ToList())
            {
                _hours.Remove(expired);
            }
        }
    }

    private List<UsageEntry> Select(UsageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            List<UsageEntry> selected = [];
            foreach (var record in _recent.Values)
            {
                var entry = UsageEntry.Of(record);
                if (query.Matches(entry))
                {
                    selected.Add(entry);
                }
            }

            foreach (var (hour, totals) in _hours)
            {
                var entry = UsageEntry.Of(hour, totals);
                if (query.Matches(entry))
                {
                    selected.Add(entry);
                }
            }

            return selected;
        }
    }
}
