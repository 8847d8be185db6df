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

    /// <summary>Gets or sets the most milliseconds a request waits in the client-side queue (for a slot, a request permit or tokens); 0 does not wait.</summary>
    /// <value>Defaults to 30000; 0 to 300000.</value>
    [Range(0, 300000)]
    public int QueueTimeout { get; set; } = 30000;

    /// <summary>Gets or sets a model of the same server to use when the requested model's limits are spent; <see langword="null"/> has none.</summary>
    /// <remarks>Requests and tokens per minute are counted per model, so the fallback has a budget of its own.</remarks>
    public string? FallbackModel { get; set; }
}
