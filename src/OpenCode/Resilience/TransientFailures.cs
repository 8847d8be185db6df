using System.Net;

namespace OpenCode.Resilience;

/// <summary>Which failures before the first chunk are worth another attempt, and which say the endpoint itself is sick.</summary>
internal static class TransientFailures
{
    /// <summary>408, 429 (unless its <c>Retry-After</c> is too long), 5xx but 501, connection failures, timeouts, and streams that ended before any chunk.</summary>
    public static bool IsRetryable(Exception exception, TimeSpan maxRetryAfter) => exception switch
    {
        OpenCodeException { Code: OpenCodeErrorCodes.RateLimited } e => e.RetryAfter is not { } wait || wait <= maxRetryAfter,
        OpenCodeException { Code: OpenCodeErrorCodes.ServerError } e => e.StatusCode is not HttpStatusCode.NotImplemented,
        OpenCodeException { StatusCode: HttpStatusCode.RequestTimeout } => true,
        OpenCodeException { Code: OpenCodeErrorCodes.ConnectionFailed or OpenCodeErrorCodes.Timeout } => true,
        OpenCodeStreamInterruptedException { ChunksDelivered: 0 } => true,
        _ => false,
    };

    /// <summary>Failures that count against the endpoint's circuit breaker: the server failing or unreachable, not a refused request.</summary>
    public static bool IsEndpointFailure(Exception exception) => exception switch
    {
        OpenCodeException { Code: OpenCodeErrorCodes.ServerError } e => e.StatusCode is not HttpStatusCode.NotImplemented,
        OpenCodeException { Code: OpenCodeErrorCodes.ConnectionFailed or OpenCodeErrorCodes.Timeout or OpenCodeErrorCodes.StreamInterrupted } => true,
        _ => false,
    };
}
