namespace OpenCode;

/// <summary>One piece of a streamed answer.</summary>
/// <remarks>A record, so a stage that adds to the final chunk passes on <c>chunk with { … }</c>.</remarks>
public sealed record MessageChunk
{
    /// <summary>Gets the text generated since the previous chunk; empty on chunks that carry no text.</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>Gets the reasoning text (<c>reasoning_content</c> or a <c>&lt;think&gt;</c> block), kept apart from <see cref="Content"/>.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>Gets a value indicating whether this is the final chunk of the answer.</summary>
    public bool IsDone { get; init; }

    /// <summary>Gets why the generation ended; set on the final chunk.</summary>
    public FinishReason? FinishReason { get; init; }

    // The rare parts share one field, so a plain text chunk is no bigger than before they existed; setting one to null on a chunk
    // without any (the stream does so on most chunks) allocates nothing.
    private ChunkExtras? _extras;

    /// <summary>Gets the tool calls the model asked for, each assembled whole; set on the final chunk only, <see langword="null"/> when there are none.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls
    {
        get => _extras?.ToolCalls;
        init => _extras = value is null && _extras is null ? null : (_extras ?? ChunkExtras.None) with { ToolCalls = value };
    }

    /// <summary>Gets the server's id and creation time of the answer, on the first chunk with text and on the final chunk; <see langword="null"/> on others.</summary>
    public ResponseIdentity? Response
    {
        get => _extras?.Response;
        init => _extras = value is null && _extras is null ? null : (_extras ?? ChunkExtras.None) with { Response = value };
    }

    /// <summary>
    /// Gets the vectors of an embeddings request (<c>GenerationKind.Embeddings</c>), one per input in input order; set on its
    /// one final chunk only, <see langword="null"/> on every chunk of a generation.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<float>>? Embeddings
    {
        get => _extras?.Embeddings;
        init => _extras = value is null && _extras is null ? null : (_extras ?? ChunkExtras.None) with { Embeddings = value };
    }

    /// <summary>Gets the model, the usage (final chunk) and the time of receipt.</summary>
    public ChunkMetadata Metadata { get; init; }
}
