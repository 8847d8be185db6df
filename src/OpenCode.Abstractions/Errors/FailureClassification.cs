namespace OpenCode;

/// <summary>
/// The one place that decides, from a failure's stable code and status (never its message), what the stages do about it: try
/// the same endpoint again, count it against the endpoint's circuit or health, move the request to another instance, or treat a
/// discovery endpoint as not offered.
/// </summary>
internal static class FailureClassification
{
    /// <summary>Trying the same request again may succeed: 429, 5xx, 408 and other timeouts, connection failures, interrupted streams.</summary>
    public static bool IsTransient(string code) => code is OpenCodeErrorCodes.RateLimited or OpenCodeErrorCodes.ServerError
        or OpenCodeErrorCodes.Timeout or OpenCodeErrorCodes.ConnectionFailed or OpenCodeErrorCodes.StreamInterrupted;

    /// <summary>
    /// Worth another attempt before the first chunk: a transient failure, except a stream that had already delivered chunks and one
    /// whose <c>Retry-After</c> is longer than <paramref name="maxRetryAfter"/>, whatever its status (see <see cref="ExceedsRetryAfterCap"/>).
    /// </summary>
    public static bool IsRetryable(Exception exception, TimeSpan maxRetryAfter) => exception switch
    {
        OpenCodeStreamInterruptedException e => e.ChunksDelivered == 0,
        _ when ExceedsRetryAfterCap(exception, maxRetryAfter) => false,
        OpenCodeException e => IsTransient(e.Code),
        _ => false,
    };

    /// <summary>
    /// Whether the server asked to wait longer than the client will (<c>resilience.maxRetryAfter</c>): such a failure is not waited
    /// out but reaches the caller at once, carrying the server's <see cref="OpenCodeException.RetryAfter"/>.
    /// </summary>
    public static bool ExceedsRetryAfterCap(Exception exception, TimeSpan maxRetryAfter) =>
        exception is OpenCodeException { RetryAfter: { } wait } && wait > maxRetryAfter;

    /// <summary>Counts against the endpoint's circuit breaker: a transient failure that says the server is failing or unreachable, not a 429.</summary>
    public static bool CountsAgainstCircuit(Exception exception) =>
        exception is OpenCodeException { Code: not OpenCodeErrorCodes.RateLimited } e && IsTransient(e.Code);

    /// <summary>
    /// Another instance may answer where this one failed: the request itself was not at fault. That includes a capability this instance
    /// lacks (embeddings, fill-in-the-middle, tools), which another may have.
    /// </summary>
    public static bool FailsOver(OpenCodeException error) => IsTransient(error.Code) || error.Code
        is OpenCodeErrorCodes.AuthenticationFailed or OpenCodeErrorCodes.ModelNotFound or OpenCodeErrorCodes.ModelDiscoveryFailed
        or OpenCodeErrorCodes.CapabilityNotSupported
        or OpenCodeErrorCodes.LocalServerFailed or OpenCodeErrorCodes.InvalidResponse
        or OpenCodeErrorCodes.CircuitOpen or OpenCodeErrorCodes.QueueFull or OpenCodeErrorCodes.QuotaExceeded;

    /// <summary>Says the server is sick (a busy one that answered 429 is not): counts against an instance's health.</summary>
    public static bool CountsAgainstHealth(OpenCodeException error) => error.Code
        is OpenCodeErrorCodes.ServerError or OpenCodeErrorCodes.Timeout or OpenCodeErrorCodes.ConnectionFailed
        or OpenCodeErrorCodes.StreamInterrupted or OpenCodeErrorCodes.LocalServerFailed or OpenCodeErrorCodes.ModelDiscoveryFailed
        or OpenCodeErrorCodes.AuthenticationFailed or OpenCodeErrorCodes.InvalidResponse or OpenCodeErrorCodes.CircuitOpen;

    /// <summary>An optional endpoint (discovery, the OpenCode API's extras) the server does not offer: 404, 405 or 501.</summary>
    public static bool IsNotOffered(OpenCodeException error) =>
        error.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed or System.Net.HttpStatusCode.NotImplemented;

    /// <summary>
    /// The failures that say the server cannot be reached or used at all (credentials, connection, timeout): a probe of an optional
    /// endpoint passes them on instead of reading them as "not offered".
    /// </summary>
    public static bool StopsProbing(OpenCodeException error) =>
        error.Code is OpenCodeErrorCodes.AuthenticationFailed or OpenCodeErrorCodes.ConnectionFailed or OpenCodeErrorCodes.Timeout;

    /// <summary>
    /// Failures a discovery call keeps as they are (they say what is wrong with the server or the request); any other is reported
    /// as the discovery operation's own failure.
    /// </summary>
    public static bool KeepsItsCode(OpenCodeException error) => StopsProbing(error)
        || error.Code is OpenCodeErrorCodes.RateLimited or OpenCodeErrorCodes.ServerError or OpenCodeErrorCodes.ModelNotFound;
}
