using OpenCode.Models;

namespace OpenCode.Cli.Output;

/// <summary>The result of <c>health</c>; the endpoint is shown without user info or query, where credentials may hide.</summary>
internal sealed record HealthJson(bool Healthy, int StatusCode, string Status, double LatencyMs, string Endpoint)
{
    public static HealthJson From(ServerHealth health, Uri endpoint) => new(
        health.IsHealthy,
        health.StatusCode,
        health.Status,
        Math.Round(health.Latency.TotalMilliseconds, 1),
        endpoint.GetLeftPart(UriPartial.Path).Replace(endpoint.UserInfo + "@", string.Empty, StringComparison.Ordinal));
}
