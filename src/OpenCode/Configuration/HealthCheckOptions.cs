using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>How a router finds out which instances are healthy: active probes and passive failure tracking.</summary>
public sealed class HealthCheckOptions
{
    /// <summary>Gets or sets the seconds between active probes of every instance (<c>/health</c>, or a 1-token completion where there is none).</summary>
    /// <value>Defaults to 10; 1 to 3600.</value>
    [Range(1, 3600)]
    public int ProbeInterval { get; set; } = 10;

    /// <summary>Gets or sets the consecutive failures (probes or requests) after which an instance is taken out of rotation.</summary>
    /// <value>Defaults to 3; 1 to 100.</value>
    [Range(1, 100)]
    public int ConsecutiveFailures { get; set; } = 3;

    /// <summary>Gets or sets the failure rate over the last <see cref="FailureWindow"/> requests at which an instance is taken out of rotation.</summary>
    /// <value>Defaults to 0.5; 0.05 to 1.</value>
    [Range(0.05, 1.0)]
    public double FailureRate { get; set; } = 0.5;

    /// <summary>Gets or sets how many of the latest requests the failure rate is computed over; it applies once that many were made.</summary>
    /// <value>Defaults to 20; 2 to 1000.</value>
    [Range(2, 1000)]
    public int FailureWindow { get; set; } = 20;

    /// <summary>Gets or sets the seconds an unhealthy instance stays out of rotation before it is probed back in.</summary>
    /// <value>Defaults to 30; 1 to 3600.</value>
    [Range(1, 3600)]
    public int Cooldown { get; set; } = 30;
}
