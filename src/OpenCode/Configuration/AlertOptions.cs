using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>When the provider raises error-rate and latency alerts (quota alerts are set per budget under <c>quotas</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>Gets or sets the share of failed requests, over the last <see cref="Window"/> requests of a model, that raises an alert.</summary>
    /// <value>Defaults to 0.5; 0.01 to 1.</value>
    [Range(0.01, 1.0)]
    public double ErrorRateThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the 95th-percentile latency in milliseconds, over the last <see cref="Window"/> requests of a model, that raises an alert.</summary>
    /// <value>Defaults to 30000; 100 to 3600000.</value>
    [Range(100, 3_600_000)]
    public int LatencyThreshold { get; set; } = 30000;

    /// <summary>Gets or sets how many of a model's most recent requests the rules look at; they judge only a full window.</summary>
    /// <value>Defaults to 20; 5 to 10000.</value>
    [Range(5, 10000)]
    public int Window { get; set; } = 20;
}
