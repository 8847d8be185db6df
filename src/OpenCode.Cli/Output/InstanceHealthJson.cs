using OpenCode.Routing;

namespace OpenCode.Cli.Output;

/// <summary>One instance in <c>health</c> with <c>instances</c>; the endpoint is shown without user info or query.</summary>
internal sealed record InstanceHealthJson(
    string Name, bool Healthy, string State, IReadOnlyList<string> Models, double LatencyMs, string? LastError, string Endpoint)
{
    public static InstanceHealthJson From(InstanceStatistics instance, string endpoint)
    {
        var uri = new Uri(endpoint, UriKind.Absolute);
        return new(
            instance.Name,
            instance.State == InstanceHealthState.Healthy,
            instance.State.ToString().ToLowerInvariant(),
            instance.Models,
            Math.Round(instance.LatencyMs, 1),
            instance.LastError,
            uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal));
    }
}
