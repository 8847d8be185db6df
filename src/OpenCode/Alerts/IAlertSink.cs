namespace OpenCode.Alerts;

/// <summary>Receives alerts (budget use, error rates, latency); send them to a log, a pager or a chat channel.</summary>
public interface IAlertSink
{
    /// <summary>Delivers an alert. Implementations should not throw: a failing sink must not fail the request that raised the alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the alert is delivered.</returns>
    ValueTask PublishAsync(AlertEvent alert, CancellationToken cancellationToken = default);
}
