namespace OpenCode.Models;

/// <summary>Performance of one model on one endpoint, measured in this process over its recent requests.</summary>
internal sealed record ModelPerformance
{
    /// <summary>Gets the server endpoint.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Gets the model id.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the number of requests measured (the most recent ones, up to the tracker's window).</summary>
    public int Requests { get; init; }

    /// <summary>Gets how many of them failed.</summary>
    public int Errors { get; init; }

    /// <summary>Gets the share of failed requests, 0 to 1.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Gets the median time to the first token of successful requests.</summary>
    public TimeSpan? TimeToFirstTokenP50 { get; init; }

    /// <summary>Gets the 95th percentile of the time to the first token.</summary>
    public TimeSpan? TimeToFirstTokenP95 { get; init; }

    /// <summary>Gets the median total latency of successful requests.</summary>
    public TimeSpan? LatencyP50 { get; init; }

    /// <summary>Gets the 95th percentile of the total latency.</summary>
    public TimeSpan? LatencyP95 { get; init; }

    /// <summary>Gets the 99th percentile of the total latency.</summary>
    public TimeSpan? LatencyP99 { get; init; }

    /// <summary>Gets the mean generation speed: completion tokens over the time from the first token to the end.</summary>
    public double? TokensPerSecond { get; init; }
}
