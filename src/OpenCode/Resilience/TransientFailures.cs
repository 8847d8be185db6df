namespace OpenCode.Resilience;

/// <summary>Which failures before the first chunk are worth another attempt, and which say the endpoint itself is sick.</summary>
internal static class TransientFailures
{
    /// <summary>
    /// The transient failures (<see cref="OpenCodeException.IsTransient"/>: 429, 5xx, 408 and other timeouts, connection failures),
    /// except a 429 whose <c>Retry-After</c> is longer than <paramref name="maxRetryAfter"/> and a stream that had already delivered chunks.
    /// </summary>
    public static bool IsRetryable(Exception exception, TimeSpan maxRetryAfter) => exception switch
    {
        OpenCodeStreamInterruptedException e => e.ChunksDelivered == 0,
        OpenCodeException { Code: OpenCodeErrorCodes.RateLimited } e => e.RetryAfter is not { } wait || wait <= maxRetryAfter,
        OpenCodeException e => e.IsTransient,
        _ => false,
    };

    /// <summary>Failures that count against the endpoint's circuit breaker: transient ones that say the server is failing or unreachable, not a 429.</summary>
    public static bool IsEndpointFailure(Exception exception) =>
        exception is OpenCodeException { IsTransient: true, Code: not OpenCodeErrorCodes.RateLimited };
}
