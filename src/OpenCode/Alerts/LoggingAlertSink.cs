using Microsoft.Extensions.Logging;

namespace OpenCode.Alerts;

/// <summary>The default <see cref="IAlertSink"/>: writes each alert to the log, as a warning or (critical) an error.</summary>
/// <param name="logger">The log.</param>
internal sealed partial class LoggingAlertSink(ILogger<LoggingAlertSink> logger) : IAlertSink
{
    /// <inheritdoc />
    public ValueTask PublishAsync(AlertEvent alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Severity == AlertSeverity.Critical)
        {
            LogCritical(logger, alert.Rule, alert.Message, alert.Value, alert.Threshold);
        }
        else
        {
            LogWarning(logger, alert.Rule, alert.Message, alert.Value, alert.Threshold);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Alert {Rule}: {AlertMessage} (value {Value}, threshold {Threshold}).")]
    private static partial void LogWarning(ILogger logger, string rule, string alertMessage, double value, double threshold);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Alert {Rule}: {AlertMessage} (value {Value}, threshold {Threshold}).")]
    private static partial void LogCritical(ILogger logger, string rule, string alertMessage, double value, double threshold);
}
