using Microsoft.Extensions.Logging;

namespace OpenCode.Provider;

/// <summary>Source-generated log messages of the provider. None carries a credential or prompt text.</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(100, LogLevel.Information, "OpenCode provider ready: {Endpoint}, model {Model}, context window {ContextWindow}, dialect {Dialect}")]
    public static partial void Initialized(ILogger logger, Uri endpoint, string model, int? contextWindow, string dialect);

    [LoggerMessage(101, LogLevel.Information, "Direct mode: starting a local llama-server for {ModelFile}")]
    public static partial void StartingLocalServer(ILogger logger, string modelFile);

    [LoggerMessage(102, LogLevel.Debug, "Request goes to {Kind} with model {Model}")]
    public static partial void Routing(ILogger logger, string kind, string model);

    [LoggerMessage(104, LogLevel.Warning, "Parameter {Parameter} is not accepted by the {Dialect} server; it is dropped")]
    public static partial void ParameterDropped(ILogger logger, string parameter, string dialect);

    [LoggerMessage(103, LogLevel.Warning, "Model discovery failed; continuing without a model list: {Reason}")]
    public static partial void DiscoveryFailed(ILogger logger, string reason);

    [LoggerMessage(105, LogLevel.Warning, "Writing the usage ledger failed ({ExceptionType}): {Reason}")]
    public static partial void LedgerWriteFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(106, LogLevel.Warning, "{Count} extra files are not sent: the {Family} fill-in-the-middle format has no place for other files")]
    public static partial void ExtraFilesDropped(ILogger logger, int count, string family);

    [LoggerMessage(108, LogLevel.Information, "models.defaultModel {Model} is not among the {Count} model(s) the server lists; it is sent as named, and the server decides")]
    public static partial void DefaultModelNotListed(ILogger logger, string model, int count);
}
