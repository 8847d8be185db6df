using OpenCode.Quotas;
using OpenCode.Storage;

namespace OpenCode.Cli.Output;

/// <summary>The result of <c>usage --json</c>: the ledger's totals for the period, per endpoint and model, per day, and the server's own numbers.</summary>
internal sealed record UsageReportJson(
    DateTimeOffset From,
    DateTimeOffset To,
    string Ledger,
    UsageTotalsJson Totals,
    List<UsageModelJson> ByModel,
    List<UsageDayJson> ByDay,
    List<QuotaJson> Quotas,
    ServerUsageJson? Server,
    string? ServerError);

/// <summary>Totals as written in JSON.</summary>
internal sealed record UsageTotalsJson(long Requests, long Errors, long PromptTokens, long CompletionTokens, long TotalTokens, decimal Cost)
{
    public static UsageTotalsJson From(UsageTotals totals) =>
        new(totals.Requests, totals.Errors, totals.PromptTokens, totals.CompletionTokens, totals.TotalTokens, totals.Cost);
}

/// <summary>One endpoint and model's totals.</summary>
internal sealed record UsageModelJson(string Endpoint, string Model, UsageTotalsJson Totals);

/// <summary>One UTC day's totals.</summary>
internal sealed record UsageDayJson(DateOnly Day, UsageTotalsJson Totals);

/// <summary>What the server's <c>/usage/stats</c> reported.</summary>
internal sealed record ServerUsageJson(long? TotalRequests, long? TotalTokens);

/// <summary>One configured budget's use in its current period.</summary>
internal sealed record QuotaJson(
    string Period, string Metric, string? Endpoint, string? Model, string? Credential, decimal Used, decimal Limit, decimal Percent, DateTimeOffset ResetsAt, string Description)
{
    public static QuotaJson From(QuotaUsage usage) => new(
        usage.Budget.Period.ToString().ToLowerInvariant(),
        usage.Metric,
        usage.Budget.Endpoint,
        usage.Budget.Model,
        usage.Budget.Credential,
        usage.Used,
        usage.Limit,
        decimal.Round(usage.Percent, 1),
        usage.ResetsAt,
        usage.Describe());
}
