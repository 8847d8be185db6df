using OpenCode.Configuration;

namespace OpenCode.Quotas;

/// <summary>How much of one budget's limit the current period has used.</summary>
/// <param name="Budget">The budget.</param>
/// <param name="Metric"><c>requests</c>, <c>tokens</c> or <c>cost</c>.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Used">What the period has used.</param>
/// <param name="ResetsAt">When the period ends.</param>
internal sealed record QuotaUsage(QuotaBudgetOptions Budget, string Metric, decimal Limit, decimal Used, DateTimeOffset ResetsAt)
{
    /// <summary>Gets the share used, in percent.</summary>
    public decimal Percent => Limit == 0 ? 100m : Used * 100m / Limit;

    /// <summary>Gets a value indicating whether the budget is used up, so the next request would pass it.</summary>
    public bool IsExhausted => Used >= Limit;

    /// <summary>Describes the budget, for example <c>daily tokens budget for model 'starcoder2'</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var scope = string.Join(", ", new[] { ("endpoint", Budget.Endpoint), ("model", Budget.Model), ("credential", Budget.Credential) }
            .Where(s => s.Item2 is not null).Select(s => $"{s.Item1} '{s.Item2}'"));
        return $"{Budget.Period.ToString().ToLowerInvariant()} {Metric} budget" + (scope.Length == 0 ? string.Empty : " for " + scope);
    }
}
