using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>Client-side limits on what is sent to the server; each limit is off until it is set.</summary>
/// <remarks>
/// A local server already queues what it cannot serve, and a fast one serves far more than any fixed default would allow, so no
/// limit applies unless configured. The OpenCode specification's values (60 requests and 60000 tokens per minute, 5 in flight)
/// suit a shared or hosted server; set them to use them.
/// </remarks>
public sealed class RateLimitOptions
{
    /// <summary>Gets or sets the requests allowed per minute per model; <see langword="null"/> does not limit them.</summary>
    /// <value>Defaults to <see langword="null"/>; 1 to 1000000.</value>
    [Range(1, 1_000_000)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the tokens allowed per minute per model; <see langword="null"/> does not limit them.</summary>
    /// <value>Defaults to <see langword="null"/>; 1000 to 1000000000.</value>
    [Range(1000, 1_000_000_000)]
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the requests allowed in flight at once; <see langword="null"/> does not limit them.</summary>
    /// <value>Defaults to <see langword="null"/>; 1 to 10000.</value>
    [Range(1, 10_000)]
    public int? ConcurrentRequests { get; set; }

    /// <summary>Gets or sets how many requests may wait for a free slot (with <see cref="ConcurrentRequests"/> set).</summary>
    /// <value>Defaults to 100; 10 to 100000.</value>
    [Range(10, 100_000)]
    public int MaxQueueSize { get; set; } = 100;

    /// <summary>Gets or sets the most milliseconds a request waits in the client-side queue (for a slot, a request permit or tokens); 0 does not wait.</summary>
    /// <value>Defaults to 30000; 0 to 300000.</value>
    [Range(0, 300000)]
    public int QueueTimeout { get; set; } = 30000;

    /// <summary>Gets or sets a model of the same server to use when the requested model's limits are spent; <see langword="null"/> has none.</summary>
    /// <remarks>Requests and tokens per minute are counted per model, so the fallback has a budget of its own.</remarks>
    public string? FallbackModel { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether, with <see cref="ConcurrentRequests"/> unset, at most as many requests are sent at once as the
    /// server reports slots (llama-server's <c>total_slots</c>), the rest held in the client in arrival order until a slot frees.
    /// </summary>
    /// <remarks>
    /// The server would queue them itself; held in the client they are not yet sent, so a request that waits can still be cancelled or
    /// fail over without the server having seen it, and the server's queue stays empty. The wait has no limit of its own (the server's queue
    /// has none either): only the caller's cancellation and <c>resilience.totalTimeout</c> end it. A server that reports no slot count
    /// (vLLM, Ollama, TGI) is not limited.
    /// </remarks>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool MatchServerSlots { get; set; } = true;
}
