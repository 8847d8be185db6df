namespace OpenCode.Storage;

/// <summary>How much the in-memory stores keep, so a long-running process holds a bounded amount of state whatever its traffic.</summary>
public sealed class InMemoryStoreOptions
{
    /// <summary>Gets or sets how many of the most recent usage records the ledger keeps one by one (exact times, ids for de-duplication).</summary>
    /// <value>Defaults to 1024; at least 1.</value>
    /// <remarks>
    /// Older records are added into one total per UTC hour, endpoint, model and credential: a query counts such a record when the
    /// start of its hour is in range (quota periods and <c>opencode usage</c> days start on whole hours, so they are unaffected),
    /// and an id is recognised as already recorded only while its record is among these.
    /// </remarks>
    public int UsageRecentRecords { get; set; } = 1024;

    /// <summary>Gets or sets how long the ledger keeps hourly totals, counted back from the newest record.</summary>
    /// <value>Defaults to 62 days (this month's and last month's quotas); at least one hour.</value>
    public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(62);

    /// <summary>Gets or sets the most responses the response cache holds; when full, the entry that expires soonest (an expired one first) makes room.</summary>
    /// <value>Defaults to 1000; at least 1.</value>
    public int CacheMaxEntries { get; set; } = 1000;

    internal InMemoryStoreOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(UsageRecentRecords, 1, nameof(UsageRecentRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(UsageRetention, TimeSpan.FromHours(1), nameof(UsageRetention));
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheMaxEntries, 1, nameof(CacheMaxEntries));
        return this;
    }
}
