using OpenCode.Models;

namespace OpenCode.Cli.Output;

/// <summary>One model in <c>models --stats --json</c>: what this process measured (times in milliseconds).</summary>
internal sealed record ModelStatsJson(
    string Model, string Endpoint, int Requests, int Errors, double ErrorRate,
    double? TimeToFirstTokenMsP50, double? TimeToFirstTokenMsP95, double? LatencyMsP50, double? LatencyMsP95, double? LatencyMsP99, double? TokensPerSecond)
{
    public static ModelStatsJson From(ModelPerformance p) => new(
        p.Model,
        p.Endpoint.ToString(),
        p.Requests,
        p.Errors,
        p.ErrorRate,
        p.TimeToFirstTokenP50?.TotalMilliseconds,
        p.TimeToFirstTokenP95?.TotalMilliseconds,
        p.LatencyP50?.TotalMilliseconds,
        p.LatencyP95?.TotalMilliseconds,
        p.LatencyP99?.TotalMilliseconds,
        p.TokensPerSecond);
}
