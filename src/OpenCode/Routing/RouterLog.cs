using Microsoft.Extensions.Logging;

namespace OpenCode.Routing;

internal static partial class RouterLog
{
    [LoggerMessage(300, LogLevel.Warning, "Instance {Instance} is out of rotation for {CooldownSeconds} s: {Error}")]
    public static partial void InstanceUnhealthy(ILogger logger, string instance, string error, int cooldownSeconds);

    [LoggerMessage(301, LogLevel.Information, "Instance {Instance} is back in rotation")]
    public static partial void InstanceRecovered(ILogger logger, string instance);

    [LoggerMessage(302, LogLevel.Information, "Instance {Instance} was reported {State} by another app instance through the health store")]
    public static partial void AdoptedState(ILogger logger, string instance, string state);

    [LoggerMessage(303, LogLevel.Warning, "Request failed on instance {Instance} before its first chunk ({Code}); trying another")]
    public static partial void FailingOver(ILogger logger, string instance, string code);

    [LoggerMessage(304, LogLevel.Warning, "Health check round failed")]
    public static partial void HealthRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(305, LogLevel.Debug, "Routing a request for model {Model} to instance {Instance}")]
    public static partial void Routed(ILogger logger, string model, string instance);

    [LoggerMessage(306, LogLevel.Warning, "No instance could answer; serving a cached answer (offline fallback)")]
    public static partial void OfflineAnswer(ILogger logger);

    [LoggerMessage(307, LogLevel.Warning, "Reading or writing the response cache failed; the request goes on without it")]
    public static partial void CacheFailed(ILogger logger, Exception exception);

    [LoggerMessage(308, LogLevel.Information, "Dropped {Count} oldest messages to fit model {Model}'s context window of {ContextWindow} tokens")]
    public static partial void DroppedMessages(ILogger logger, int count, string model, int contextWindow);

    [LoggerMessage(309, LogLevel.Warning, "Reading or writing the instance health store failed; health is kept in this process until it works again")]
    public static partial void HealthStoreFailed(ILogger logger, Exception exception);
}
