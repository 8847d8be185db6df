using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>Retries with backoff and the circuit breaker, applied only before the first chunk reaches the caller.</summary>
public sealed class ResilienceOptions
{
    /// <summary>Gets or sets the most attempts per request, the first one included; 1 never retries.</summary>
    /// <value>Defaults to 3; 1 to 10.</value>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry, in milliseconds.</summary>
    /// <value>Defaults to 1000; 0 to 60000.</value>
    [Range(0, 60000)]
    public int BaseDelay { get; set; } = 1000;

    /// <summary>Gets or sets the factor each further retry's delay grows by.</summary>
    /// <value>Defaults to 2; 1 to 10.</value>
    [Range(1.0, 10.0)]
    public double BackoffMultiplier { get; set; } = 2.0;

    /// <summary>Gets or sets the longest delay between two attempts, in milliseconds.</summary>
    /// <value>Defaults to 30000; 0 to 300000.</value>
    [Range(0, 300000)]
    public int MaxDelay { get; set; } = 30000;

    /// <summary>Gets or sets a value indicating whether delays are randomised (between half and the whole computed delay), so clients do not retry in step.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets the longest server <c>Retry-After</c> honoured, in seconds; a longer one fails at once with RATE_LIMITED carrying it.</summary>
    /// <value>Defaults to 60; 0 to 86400.</value>
    [Range(0, 86400)]
    public int MaxRetryAfter { get; set; } = 60;

    /// <summary>Gets or sets the most milliseconds all attempts of one request (waits included) may take until the first chunk arrives.</summary>
    /// <value>Defaults to 120000; 1000 to 600000.</value>
    [Range(1000, 600000)]
    public int TotalTimeout { get; set; } = 120000;

    /// <summary>Gets or sets the circuit breaker of the endpoint.</summary>
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
