namespace OpenCode;

/// <summary>The parts of a <see cref="MessageChunk"/> only a few chunks carry (tool calls, the server's identity of the answer, embedding vectors).</summary>
internal sealed record ChunkExtras(IReadOnlyList<ToolCall>? ToolCalls, ResponseIdentity? Response, IReadOnlyList<ReadOnlyMemory<float>>? Embeddings = null)
{
    public static ChunkExtras None { get; } = new(null, null);
}
