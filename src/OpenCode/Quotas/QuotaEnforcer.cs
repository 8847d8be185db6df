using System.Globalization;
using OpenCode.Alerts;
using OpenCode.Configuration;
using OpenCode.Storage;

namespace OpenCode.Quotas;

/// <summary>
/// Checks the daily and monthly budgets (<see cref="QuotaOptions"/>) against the usage ledger before a request, failing it
/// with <see cref="OpenCodeQuotaExceededException"/> when a budget is used up, and raises alerts at the warning share and at 100%.
/// </summary>
/// <remarks>
/// Each alert is raised once per budget, metric and period. With a shared ledger (PostgreSQL) a fleet shares its budgets.
/// The check reads what is recorded, so requests in flight at once may pass a budget by up to their number (and a
/// request's own tokens count only once it is recorded): budgets are hard at request granularity, not token-exact.
/// </remarks>
internal sealed class QuotaEnforcer
{
    private readonly IUsageStore _usage;
    private readonly QuotaOptions _options;
    private readonly IAlertSink? _alerts;
    private readonly TimeProvider _time;
    private readonly Dictionary<(int Budget, string Metric, AlertSeverity Severity), DateTimeOffset> _alerted = [];

    /// <summary>Initializes a new instance of the <see cref="QuotaEnforcer"/> class.</summary>
    /// <param name="usage">The usage ledger.</param>
    /// <param name="options">The budgets.</param>
    /// <param name="alerts">Where alerts go, or <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public QuotaEnforcer(IUsageStore usage, QuotaOptions options, IAlertSink? alerts = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(options);
        _usage = usage;
        _options = options;
        _alerts = alerts;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Throws when a budget that applies to a request to <paramref name="model"/> at <paramref name="endpoint"/> is used up.</summary>
    /// <param name="endpoint">The endpoint the request goes to.</param>
    /// <param name="model">The model it asks for.</param>
    /// <param name="credential">The credential name it uses, if any.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when every budget has room.</returns>
    /// <exception cref="OpenCodeQuotaExceededException">A budget is used up; <see cref="OpenCodeException.RetryAfter"/> is the longest wait among the used-up ones.</exception>
    public async ValueTask CheckAsync(string endpoint, string model, string? credential, CancellationToken cancellationToken = default)
    {
        var usages = await GetUsageAsync(endpoint, model, credential, forRequest: true, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        OpenCodeQuotaExceededException? exceeded = null;
        foreach (var (index, usage) in usages)
        {
            if (usage.IsExhausted)
            {
                await AlertOnceAsync(index, usage, AlertSeverity.Critical, now, cancellationToken).ConfigureAwait(false);
                var retryAfter = usage.ResetsAt - now;
                if (exceeded is null || retryAfter > exceeded.RetryAfter)
                {
                    exceeded = new OpenCodeQuotaExceededException(
                        $"The {usage.Describe()} is used up ({Show(usage.Used)} of {Show(usage.Limit)}); it resets at {usage.ResetsAt:u}.",
                        usage.Budget.Period,
                        usage.Metric,
                        usage.Limit,
                        usage.Used,
                        retryAfter);
                }
            }
            else if (usage.Percent >= _options.WarningPercent)
            {
                await AlertOnceAsync(index, usage, AlertSeverity.Warning, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (exceeded is not null)
        {
            throw exceeded;
        }
    }

    /// <summary>Returns how much of each budget that applies to such a request the current periods have used.</summary>
    /// <param name="endpoint">The endpoint, or <see langword="null"/> for budgets of any endpoint.</param>
    /// <param name="model">The model, or <see langword="null"/> for budgets of any model.</param>
    /// <param name="credential">The credential name, or <see langword="null"/> for budgets of any credential.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>One entry per budget and metric it limits.</returns>
    public async ValueTask<IReadOnlyList<QuotaUsage>> GetStatusAsync(string? endpoint, string? model, string? credential, CancellationToken cancellationToken = default) =>
        [.. (await GetUsageAsync(endpoint, model, credential, forRequest: false, cancellationToken).ConfigureAwait(false)).Select(u => u.Usage)];

    private async ValueTask<List<(int Index, QuotaUsage Usage)>> GetUsageAsync(string? endpoint, string? model, string? credential, bool forRequest, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var usages = new List<(int, QuotaUsage)>();
        for (var i = 0; i < _options.Budgets.Count; i++)
        {
            var budget = _options.Budgets[i];
            if (!Applies(budget.Endpoint, endpoint, forRequest) || !Applies(budget.Model, model, forRequest) || !Applies(budget.Credential, credential, forRequest))
            {
                continue;
            }

            var (start, end) = QuotaPeriods.Containing(budget.Period, now);
            var totals = await _usage.GetTotalsAsync(new UsageQuery(start, end, budget.Endpoint, budget.Model, budget.Credential), cancellationToken).ConfigureAwait(false);
            if (budget.Requests is { } requests)
            {
                usages.Add((i, new QuotaUsage(budget, "requests", requests, totals.Requests, end)));
            }

            if (budget.Tokens is { } tokens)
            {
                usages.Add((i, new QuotaUsage(budget, "tokens", tokens, totals.TotalTokens, end)));
            }

            if (budget.Cost is { } cost)
            {
                usages.Add((i, new QuotaUsage(budget, "cost", cost, totals.Cost, end)));
            }
        }

        return usages;
    }

    private async ValueTask AlertOnceAsync(int index, QuotaUsage usage, AlertSeverity severity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periodStart = QuotaPeriods.Containing(usage.Budget.Period, now).Start;
        lock (_alerted)
        {
            if (_alerted.TryGetValue((index, usage.Metric, severity), out var last) && last == periodStart)
            {
                return;
            }

            _alerted[(index, usage.Metric, severity)] = periodStart;
        }

        if (_alerts is null)
        {
            return;
        }

        var threshold = severity == AlertSeverity.Critical ? usage.Limit : usage.Limit * _options.WarningPercent / 100m;
        var message = $"The {usage.Describe()} is {(severity == AlertSeverity.Critical ? "used up" : $"{usage.Percent:0}% used")}: {Show(usage.Used)} of {Show(usage.Limit)}.";
        var rule = $"quota.{usage.Budget.Period.ToString().ToLowerInvariant()}.{usage.Metric}";
        await _alerts.PublishAsync(new AlertEvent(rule, severity, message, (double)usage.Used, (double)threshold, now), cancellationToken).ConfigureAwait(false);
    }

    // A budget without a filter covers every request. A request without a credential is nobody's, so a credential's budget
    // does not apply to it; a status query without a value asks about every budget.
    private static bool Applies(string? filter, string? value, bool forRequest) =>
        filter is null || (value is null ? !forRequest : string.Equals(filter, value, StringComparison.Ordinal));

    private static string Show(decimal value) => value.ToString("#,0.######", CultureInfo.InvariantCulture);
}
