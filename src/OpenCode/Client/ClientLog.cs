using Microsoft.Extensions.Logging;

namespace OpenCode.Client;

/// <summary>Source-generated log messages of the wire client. None of them carries a credential or prompt text.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Debug, "Sending {Operation} to {Path} (stream: {Streaming})")]
    public static partial void Sending(ILogger logger, string operation, string path, bool streaming);

    [LoggerMessage(2, LogLevel.Debug, "{Operation} finished: {FinishReason}, {Chunks} chunks, {CompletionTokens} completion tokens ({UsageSource}) in {ElapsedMs:0} ms")]
    public static partial void Finished(ILogger logger, string operation, string finishReason, int chunks, int completionTokens, UsageSource usageSource, double elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "{Operation} failed with HTTP {StatusCode}")]
    public static partial void RequestFailed(ILogger logger, string operation, int statusCode);

    [LoggerMessage(4, LogLevel.Debug, "Sending the request to {Path} again on a new connection: the pooled one had been closed by the server")]
    public static partial void RetryingStaleConnection(ILogger logger, string path);

    [LoggerMessage(5, LogLevel.Warning, "{Operation} stream ended abnormally after {Chunks} chunks: {Code}")]
    public static partial void StreamFailed(ILogger logger, string operation, int chunks, string code);

    [LoggerMessage(6, LogLevel.Warning, "{Operation} stream ended after {Chunks} chunks without a finish reason; reported as 'unreported' (the text may be cut short)")]
    public static partial void FinishUnreported(ILogger logger, string operation, int chunks);

    [LoggerMessage(7, LogLevel.Warning, "{Operation} answered with content type {ContentType} instead of an event stream; {Action}")]
    public static partial void NotAnEventStream(ILogger logger, string operation, string contentType, string action);

    [LoggerMessage(8, LogLevel.Debug, "The discovery store failed ({ExceptionType}); asking the server instead")]
    public static partial void DiscoveryStoreFailed(ILogger logger, string exceptionType);
}
