using System.Net;

namespace OpenCode;

/// <summary>The server rejected the credential (<see cref="OpenCodeErrorCodes.AuthenticationFailed"/>).</summary>
public sealed class OpenCodeAuthenticationException(string message, HttpStatusCode? statusCode = null, string? errorBody = null)
    : OpenCodeException(OpenCodeErrorCodes.AuthenticationFailed, message, statusCode, errorBody);

/// <summary>The request was refused for now (<see cref="OpenCodeErrorCodes.RateLimited"/>); see <see cref="OpenCodeException.RetryAfter"/>.</summary>
public sealed class OpenCodeRateLimitException(string message, HttpStatusCode? statusCode = null, string? errorBody = null, TimeSpan? retryAfter = null)
    : OpenCodeException(OpenCodeErrorCodes.RateLimited, message, statusCode, errorBody, retryAfter);

/// <summary>The prompt does not fit the model's context (<see cref="OpenCodeErrorCodes.ContextLengthExceeded"/>).</summary>
public sealed class OpenCodeContextLengthException(string message, HttpStatusCode? statusCode = null, string? errorBody = null)
    : OpenCodeException(OpenCodeErrorCodes.ContextLengthExceeded, message, statusCode, errorBody)
{
    /// <summary>Gets the number of prompt tokens the server counted, when it said.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Gets the context window the server enforced, when it said.</summary>
    public int? ContextWindow { get; init; }
}

/// <summary>A timeout expired (<see cref="OpenCodeErrorCodes.Timeout"/>); <see cref="Kind"/> says which one.</summary>
public sealed class OpenCodeTimeoutException(string message, OpenCodeTimeoutKind kind, Exception? innerException = null)
    : OpenCodeException(OpenCodeErrorCodes.Timeout, message, innerException: innerException)
{
    /// <summary>Gets which timeout expired.</summary>
    public OpenCodeTimeoutKind Kind { get; } = kind;
}

/// <summary>The stream ended before the generation did (<see cref="OpenCodeErrorCodes.StreamInterrupted"/>).</summary>
/// <remarks>Chunks already yielded stay valid; <see cref="ChunksDelivered"/> says how many there were.</remarks>
public sealed class OpenCodeStreamInterruptedException(string message, int chunksDelivered, string? errorBody = null, Exception? innerException = null)
    : OpenCodeException(OpenCodeErrorCodes.StreamInterrupted, message, errorBody: errorBody, innerException: innerException)
{
    /// <summary>Gets the number of content chunks delivered to the caller before the interruption.</summary>
    public int ChunksDelivered { get; } = chunksDelivered;
}

/// <summary>The server's response could not be understood (<see cref="OpenCodeErrorCodes.InvalidResponse"/>).</summary>
public sealed class OpenCodeInvalidResponseException(string message, string? errorBody = null, Exception? innerException = null)
    : OpenCodeException(OpenCodeErrorCodes.InvalidResponse, message, errorBody: errorBody, innerException: innerException);

/// <summary>A setting is missing or out of range (<see cref="OpenCodeErrorCodes.InvalidConfiguration"/>).</summary>
public sealed class OpenCodeConfigurationException(string message, IReadOnlyList<string>? errors = null)
    : OpenCodeException(OpenCodeErrorCodes.InvalidConfiguration, message)
{
    /// <summary>Gets every problem found, each naming the setting's path and the allowed values.</summary>
    public IReadOnlyList<string> Errors { get; } = errors ?? [message];
}
