using System.Net;

namespace OpenCode;

/// <summary>The one base of every error OpenCode raises.</summary>
/// <remarks>
/// Classify by <see cref="Code"/> and <see cref="StatusCode"/>; messages are for people and may change.
/// Messages never contain credentials or prompt text.
/// </remarks>
public class OpenCodeException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="OpenCodeException"/> class.</summary>
    /// <param name="code">A stable code from <see cref="OpenCodeErrorCodes"/>.</param>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="statusCode">The HTTP status the server answered with, if any.</param>
    /// <param name="errorBody">The server's error body, if any.</param>
    /// <param name="retryAfter">How long the server asked the client to wait, if it did.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public OpenCodeException(
        string code,
        string message,
        HttpStatusCode? statusCode = null,
        string? errorBody = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        StatusCode = statusCode;
        ErrorBody = errorBody;
        RetryAfter = retryAfter;
    }

    /// <summary>Initializes a new instance of the <see cref="OpenCodeException"/> class.</summary>
    public OpenCodeException()
        : this(OpenCodeErrorCodes.ServerError, "An OpenCode operation failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenCodeException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public OpenCodeException(string message)
        : this(OpenCodeErrorCodes.ServerError, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenCodeException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public OpenCodeException(string message, Exception innerException)
        : this(OpenCodeErrorCodes.ServerError, message, innerException: innerException)
    {
    }

    /// <summary>Gets the stable error code, one of <see cref="OpenCodeErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Gets the HTTP status code the server answered with, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the server's error body as received (JSON or text), or <see langword="null"/>.</summary>
    public string? ErrorBody { get; }

    /// <summary>Gets how long the server asked the caller to wait before trying again, or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the server's error type (for example <c>authentication_error</c>), when its body carried one.</summary>
    public string? ServerErrorType { get; init; }

    /// <summary>Gets a value indicating whether trying the same request again may succeed.</summary>
    public bool IsTransient => FailureClassification.IsTransient(Code);
}
