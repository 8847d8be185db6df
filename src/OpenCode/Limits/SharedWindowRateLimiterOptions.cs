using System.ComponentModel.DataAnnotations;

namespace OpenCode.Limits;

/// <summary>Settings of a <see cref="SharedWindowRateLimiter"/>.</summary>
internal sealed class SharedWindowRateLimiterOptions
{
    /// <summary>Gets or sets the counter's key in the store; every process limiting the same thing uses the same key.</summary>
    [Required]
    public string Key { get; set; } = string.Empty;

    /// <summary>Gets or sets the permits all processes together may take per window.</summary>
    /// <value>At least 1.</value>
    [Range(1, long.MaxValue)]
    public long PermitLimit { get; set; } = 1;

    /// <summary>Gets or sets the window length.</summary>
    /// <value>Defaults to one minute.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long <c>AcquireAsync</c> may wait for the next window when the current one is used up.</summary>
    /// <value>Defaults to zero: a used-up window fails the lease at once, with <c>RetryAfter</c> set.</value>
    public TimeSpan MaxWait { get; set; } = TimeSpan.Zero;
}
