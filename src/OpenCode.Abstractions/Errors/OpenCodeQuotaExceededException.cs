using OpenCode.Configuration;

namespace OpenCode;

/// <summary>A budget is used up (<see cref="OpenCodeErrorCodes.QuotaExceeded"/>); <see cref="OpenCodeException.RetryAfter"/> is the time until its period resets.</summary>
/// <remarks>Not transient: retrying before the period resets fails the same way.</remarks>
public sealed class OpenCodeQuotaExceededException(string message, QuotaPeriod period, string metric, decimal limit, decimal used, TimeSpan retryAfter)
    : OpenCodeException(OpenCodeErrorCodes.QuotaExceeded, message, retryAfter: retryAfter)
{
    /// <summary>Gets the period of the used-up budget.</summary>
    public QuotaPeriod Period { get; } = period;

    /// <summary>Gets what was used up: <c>requests</c>, <c>tokens</c> or <c>cost</c>.</summary>
    public string Metric { get; } = metric;

    /// <summary>Gets the budget's limit.</summary>
    public decimal Limit { get; } = limit;

    /// <summary>Gets what the period has used.</summary>
    public decimal Used { get; } = used;
}
