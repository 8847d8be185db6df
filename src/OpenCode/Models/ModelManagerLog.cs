using Microsoft.Extensions.Logging;

namespace OpenCode.Models;

/// <summary>The model manager's log messages.</summary>
internal static partial class ModelManagerLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "{Endpoint} speaks the {Dialect} dialect ({How}).")]
    public static partial void DialectChosen(ILogger logger, Uri endpoint, string dialect, string how);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Discovered {Count} model(s) at {Endpoint}: {Described} described, {Kept} unchanged, in {ElapsedMs:0.0} ms.")]
    public static partial void Discovered(ILogger logger, int count, Uri endpoint, int described, int kept, double elapsedMs);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Model {Model} changed at {Endpoint}; its metadata was read again.")]
    public static partial void ModelChanged(ILogger logger, string model, Uri endpoint);
}
