namespace OpenCode.Resilience;

/// <summary>Which failures before the first chunk are worth another attempt, and which say the endpoint itself is sick.</summary>
internal static class TransientFailures
{
    /// <summary>
    /// The transient failures (<see cref="OpenCodeException.IsTransient"/>: 429, 5xx, 408 and other timeouts, connection failures),
    /// except one whose <c>Retry-After</c> is longer than <paramref name="maxRetryAfter"/> (whatever its status) and a stream that
    /// had already delivered chunks.
    /// </summary>
    public static bool IsRetryable(Exception exception, TimeSpan maxRetryAfter) => exception switch
    {
        OpenCodeStreamInterruptedException e => e.ChunksDelivered == 0,
        _ when ExceedsRetryAfterCap(exception, maxRetryAfter) => false,
        OpenCodeException e => e.IsTransient,
        _ => false,
    };

    /// <summary>
    /// Whether the server asked to wait longer than the client will (<c>resilience.maxRetryAfter</c>): such a failure is not waited
    /// out but reaches the caller at once, carrying the server's <see cref="OpenCodeException.RetryAfter"/>.
    /// </summary>
    public static bool ExceedsRetryAfterCap(Exception exception, TimeSpan maxRetryAfter) =>
        exception is OpenCodeException { RetryAfter: { } wait } && wait > maxRetryAfter;

    /// <summary>Failures that count against the endpoint's circuit breaker: transient ones that say the server is failing or unreachable, not a 429.</summary>
    public static bool IsEndpointFailure(Exception exception) =>
        exception is OpenCodeException { IsTransient: true, Code: not OpenCodeErrorCodes.RateLimited };
}
