namespace OpenCode;

/// <summary>How <c>OpenCodeRouter</c> served one request; carried by the final chunk's <see cref="ChunkMetadata.Route"/>.</summary>
/// <param name="Instance">The instance that answered, or <see langword="null"/> when the answer came from the cache.</param>
/// <param name="Attempts">Every attempt, in order, the answering one last.</param>
/// <param name="FromCache">Whether the answer came from the response cache.</param>
/// <param name="FallbackModel">The fallback model that answered instead of the requested one, or <see langword="null"/>.</param>
public sealed record RouteInfo(string? Instance, IReadOnlyList<RouteAttempt> Attempts, bool FromCache, string? FallbackModel)
{
    /// <summary>Gets a value indicating whether the answer was served from the cache because no instance could answer (offline fallback).</summary>
    public bool Offline { get; init; }

    /// <summary>Gets the model the router chose (from a task selection or a context fit), or <see langword="null"/> when the request named it.</summary>
    public string? SelectedModel { get; init; }

    /// <summary>Gets how many of the oldest non-system messages were dropped to fit the context window.</summary>
    public int DroppedMessages { get; init; }
}
