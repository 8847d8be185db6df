using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>Client-side limits on what is sent to the server.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Gets or sets the requests allowed per minute.</summary>
    /// <value>Defaults to 60; 1 to 1000.</value>
    [Range(1, 1000)]
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>Gets or sets the tokens allowed per minute.</summary>
    /// <value>Defaults to 60000; 1000 to 1000000.</value>
    [Range(1000, 1_000_000)]
    public int TokensPerMinute { get; set; } = 60000;

    /// <summary>Gets or sets the requests allowed in flight at once.</summary>
    /// <value>Defaults to 5; 1 to 20.</value>
    [Range(1, 20)]
    public int ConcurrentRequests { get; set; } = 5;

    /// <summary>Gets or sets how many requests may wait for a free slot.</summary>
    /// <value>Defaults to 100; 10 to 1000.</value>
    [Range(10, 1000)]
    public int MaxQueueSize { get; set; } = 100;
}
