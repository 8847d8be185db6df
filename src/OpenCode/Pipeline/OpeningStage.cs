namespace OpenCode.Pipeline;

/// <summary>
/// A stage that opens the inner stream itself (to retry or fail over until a first chunk arrives) and then hands every move straight
/// to the stream it opened.
/// </summary>
internal abstract class OpeningStage(GenerationStage inner) : DelegatingGenerationStage(inner)
{
    public sealed override IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DeferredChunks<(OpeningStage Stage, GenerationRequest Request)>(
            static (state, token) => state.Stage.OpenAsync(state.Request, token), (this, request), cancellationToken);
    }

    /// <summary>Opens the stream; the enumerator returned is positioned before its first chunk (an <see cref="OpenedStream"/> when it was read).</summary>
    protected abstract ValueTask<IAsyncEnumerator<MessageChunk>> OpenAsync(GenerationRequest request, CancellationToken cancellationToken);
}
