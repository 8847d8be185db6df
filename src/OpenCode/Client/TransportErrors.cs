using System.Net.Sockets;

namespace OpenCode.Client;

/// <summary>Turns transport failures (cancellation, timeouts, refused or dropped connections) into OpenCode errors.</summary>
internal static class TransportErrors
{
    public static bool IsStaleConnection(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.ResponseEnded
        || (ex.InnerException is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.Shutdown } });

    /// <summary>Returns the exception to throw instead of <paramref name="ex"/>, or <see langword="null"/> to let it pass.</summary>
    public static Exception? Translate(Exception ex, RequestWatchdog watchdog, CancellationToken callerToken, string operation, Uri server)
    {
        if (ex is OpenCodeException)
        {
            return null;
        }

        if (callerToken.IsCancellationRequested)
        {
            return ex is OperationCanceledException ? null : new OperationCanceledException(callerToken);
        }

        if (watchdog.Fired is { } kind)
        {
            return new OpenCodeTimeoutException($"{operation} timed out: {watchdog.Describe(kind)} ({server}).", kind, ex);
        }

        if (ex is OperationCanceledException { InnerException: TimeoutException } || ex is HttpRequestException { InnerException: TimeoutException })
        {
            return new OpenCodeTimeoutException($"{operation} timed out: could not connect to {server} within the connect timeout.", OpenCodeTimeoutKind.Connect, ex);
        }

        if (ex is HttpRequestException http)
        {
            var reason = http.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "the connection was refused or failed",
                HttpRequestError.NameResolutionError => "the host name could not be resolved",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                HttpRequestError.ResponseEnded => "the server closed the connection before answering",
                _ => http.Message,
            };
            return new OpenCodeException(OpenCodeErrorCodes.ConnectionFailed, $"{operation} failed: could not reach {server}: {reason}.", innerException: ex);
        }

        return null;
    }
}
