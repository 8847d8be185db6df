using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>When an endpoint that keeps failing stops being called for a while.</summary>
/// <remarks>
/// The defaults suit one local server, which is often the only one: the circuit opens only when most attempts fail (not on a
/// flaky server or a burst of 503s while a model loads), and closes again after a short trial wait.
/// </remarks>
public sealed class CircuitBreakerOptions
{
    /// <summary>Gets or sets a value indicating whether the circuit breaker is on.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    /// <value>Defaults to 0.8; 0.01 to 1.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.8;

    /// <summary>Gets or sets the fewest attempts within <see cref="SamplingDuration"/> before the ratio is judged.</summary>
    /// <value>Defaults to 20; 2 to 1000.</value>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>Gets or sets the window the failure ratio is measured over, in milliseconds.</summary>
    /// <value>Defaults to 30000; 500 to 3600000.</value>
    [Range(500, 3_600_000)]
    public int SamplingDuration { get; set; } = 30000;

    /// <summary>Gets or sets how long an open circuit rejects calls before one trial call, in milliseconds.</summary>
    /// <value>Defaults to 5000; 500 to 3600000.</value>
    [Range(500, 3_600_000)]
    public int BreakDuration { get; set; } = 5000;

    /// <summary>
    /// Gets or sets how long a request that meets an open circuit may wait for it to let calls through again, in milliseconds: for the
    /// break to end (the request then makes the trial call, or waits for another request's trial call) and for that trial call's outcome.
    /// A request fails with <c>CIRCUIT_OPEN</c> at once when the break cannot end within what is left of this wait, and 0 fails every such
    /// request at once. An instance behind a router never waits: failing over is faster.
    /// </summary>
    /// <value>Defaults to 10000 (two default breaks); 0 to 3600000.</value>
    [Range(0, 3_600_000)]
    public int MaxWait { get; set; } = 10000;
}
