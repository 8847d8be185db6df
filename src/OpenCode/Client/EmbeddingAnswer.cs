namespace OpenCode.Client;

/// <summary>One embeddings answer from the wire: the vectors in input order, the model and the usage.</summary>
internal sealed record EmbeddingAnswer(IReadOnlyList<ReadOnlyMemory<float>> Vectors, string? Model, TokenUsage Usage);
