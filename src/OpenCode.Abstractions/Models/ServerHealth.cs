namespace OpenCode.Models;

/// <summary>The answer of a server's health endpoint.</summary>
/// <param name="IsHealthy">Whether the server is ready to serve requests.</param>
/// <param name="StatusCode">The HTTP status of the health endpoint.</param>
/// <param name="Status">The server's own word (<c>ok</c>, <c>loading model</c>, …) or a short description.</param>
/// <param name="Latency">How long the check took.</param>
public sealed record ServerHealth(bool IsHealthy, int StatusCode, string Status, TimeSpan Latency);
