namespace OpenCode;

/// <summary>What is known about a chunk besides its text.</summary>
/// <remarks>A struct so that streaming a chunk costs no allocation beyond the chunk and its text.</remarks>
/// <param name="Model">The model that produced it, as the server named it.</param>
/// <param name="Usage">The usage, on the final chunk only.</param>
/// <param name="Timestamp">When the client received it.</param>
public readonly record struct ChunkMetadata(string? Model, TokenUsage? Usage, DateTimeOffset Timestamp)
{
    /// <summary>Gets how a router served the request (instance, attempts, cache), on the final chunk only; <see langword="null"/> without a router.</summary>
    public RouteInfo? Route { get; init; }
}
