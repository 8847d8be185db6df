namespace OpenCode.Storage;

/// <summary>The usage ledger: every request's tokens and cost, added up for quotas, alerts and <c>opencode usage</c>.</summary>
/// <remarks>Implementations: in memory (the library's default), a SQLite file (the CLI's), PostgreSQL (shared by a fleet).</remarks>
public interface IUsageStore
{
    /// <summary>Records one request; a record whose <see cref="UsageRecord.Id"/> is already stored is ignored.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>Adds up the records a query selects.</summary>
    /// <param name="query">The time range and filters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The totals.</returns>
    ValueTask<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Adds up the records a query selects per UTC day, oldest first; days with no record are left out.</summary>
    /// <param name="query">The time range and filters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The totals per day.</returns>
    ValueTask<IReadOnlyList<UsageDay>> GetDailyTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Adds up the records a query selects per endpoint and model, ordered by endpoint then model.</summary>
    /// <param name="query">The time range and filters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The totals per endpoint and model that has a record.</returns>
    ValueTask<IReadOnlyList<UsageBreakdown>> GetTotalsByModelAsync(UsageQuery query, CancellationToken cancellationToken = default);
}

/// <summary>One UTC day's totals.</summary>
/// <param name="Day">The day.</param>
/// <param name="Totals">Its totals.</param>
public sealed record UsageDay(DateOnly Day, UsageTotals Totals);

/// <summary>One endpoint and model's totals.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Model">The model.</param>
/// <param name="Totals">Their totals.</param>
public sealed record UsageBreakdown(string Endpoint, string Model, UsageTotals Totals);
