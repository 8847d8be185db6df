namespace OpenCode.Routing;

/// <summary>The outcome of one active health probe.</summary>
/// <param name="Healthy">Whether the server answered as ready.</param>
/// <param name="Latency">How long the probe took.</param>
/// <param name="Error">Why it is not healthy, or <see langword="null"/>.</param>
internal sealed record ProbeResult(bool Healthy, TimeSpan Latency, string? Error);
