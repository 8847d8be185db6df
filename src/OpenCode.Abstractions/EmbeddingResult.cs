namespace OpenCode;

/// <summary>The embedding vectors of an <see cref="EmbeddingRequest"/>, in the order of its inputs.</summary>
/// <param name="Vectors">One vector per input, in input order.</param>
/// <param name="Model">The model that made them, as the server named it.</param>
/// <param name="Usage">The tokens the inputs took, summed over the batches sent; <see langword="null"/> for no inputs.</param>
/// <param name="CreatedAt">When the first batch's answer was received (embeddings answers carry no creation time).</param>
public sealed record EmbeddingResult(IReadOnlyList<ReadOnlyMemory<float>> Vectors, string? Model, TokenUsage? Usage, DateTimeOffset CreatedAt)
{
    /// <summary>Gets how a router served the request (instance, attempts); <see langword="null"/> without a router.</summary>
    public RouteInfo? Route { get; init; }
}
