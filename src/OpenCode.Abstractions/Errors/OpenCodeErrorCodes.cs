namespace OpenCode;

/// <summary>The stable error codes carried by <see cref="OpenCodeException.Code"/>.</summary>
/// <remarks>Codes never change once published; callers may switch on them.</remarks>
public static class OpenCodeErrorCodes
{
    /// <summary>The server rejected the credential (HTTP 401/403).</summary>
    public const string AuthenticationFailed = "AUTHENTICATION_FAILED";

    /// <summary>Listing the server's models failed.</summary>
    public const string ModelDiscoveryFailed = "MODEL_DISCOVERY_FAILED";

    /// <summary>The requested model does not exist on the server.</summary>
    public const string ModelNotFound = "MODEL_NOT_FOUND";

    /// <summary>A plain (<c>/v1/completions</c>) completion failed.</summary>
    public const string CompletionFailed = "COMPLETION_FAILED";

    /// <summary>A chat completion failed.</summary>
    public const string ChatCompletionFailed = "CHAT_COMPLETION_FAILED";

    /// <summary>Reading one model's details failed.</summary>
    public const string ModelInfoFailed = "MODEL_INFO_FAILED";

    /// <summary>Reading the server's usage statistics failed.</summary>
    public const string UsageStatsFailed = "USAGE_STATS_FAILED";

    /// <summary>The prompt (plus the requested output) does not fit the model's context window.</summary>
    public const string ContextLengthExceeded = "CONTEXT_LENGTH_EXCEEDED";

    /// <summary>The server or a client-side limit refused the request for now (HTTP 429).</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>A daily or monthly budget (<c>quotas</c>) is used up; <see cref="OpenCodeException.RetryAfter"/> says when its period resets.</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";

    /// <summary>The server failed (HTTP 5xx) or is unavailable.</summary>
    public const string ServerError = "SERVER_ERROR";

    /// <summary>A connect, first-token, idle or total timeout expired.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The stream ended before the server said the generation was over.</summary>
    public const string StreamInterrupted = "STREAM_INTERRUPTED";

    /// <summary>The server ended the generation without any output and without saying why (for example a stream of only <c>[DONE]</c>).</summary>
    public const string EmptyResponse = "EMPTY_RESPONSE";

    /// <summary>The server's response could not be understood.</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";

    /// <summary>A configuration value is missing or out of range.</summary>
    public const string InvalidConfiguration = "INVALID_CONFIGURATION";

    /// <summary>The server could not be reached at all (refused connection, DNS, TLS).</summary>
    public const string ConnectionFailed = "CONNECTION_FAILED";

    /// <summary>The model or server does not offer what the request needs.</summary>
    public const string CapabilityNotSupported = "CAPABILITY_NOT_SUPPORTED";

    /// <summary>The request itself was rejected as invalid (HTTP 400/422) for a reason other than context size.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>A local <c>llama-server</c> could not be found, built or started.</summary>
    public const string LocalServerFailed = "LOCAL_SERVER_FAILED";

    /// <summary>A local GGUF file could not be loaded in this process: missing, truncated or corrupt, too large for the memory, or unsupported.</summary>
    public const string ModelLoadFailed = "MODEL_LOAD_FAILED";

    /// <summary>The client-side queue of requests waiting for a slot is full; the request was not sent.</summary>
    public const string QueueFull = "QUEUE_FULL";

    /// <summary>The endpoint failed too often lately, so its circuit breaker rejects calls for a while; see <see cref="OpenCodeException.RetryAfter"/>.</summary>
    public const string CircuitOpen = "CIRCUIT_OPEN";

    /// <summary>A router found no instance that could answer: every one serving the model is down or failed (see <see cref="OpenCodeNoInstanceAvailableException.Attempts"/>).</summary>
    public const string NoInstanceAvailable = "NO_INSTANCE_AVAILABLE";
}
