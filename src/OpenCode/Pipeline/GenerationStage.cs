namespace OpenCode.Pipeline;

/// <summary>
/// One stage of a generation pipeline: takes a request and streams the answer's chunks. The last stage talks to the model (a server
/// over HTTP, or a model in this process); the stages before it add one concern each (quotas, limits, retries, telemetry, the ledger,
/// a user's own pre- and post-processing) around the stage they wrap (see <see cref="DelegatingGenerationStage"/>).
/// </summary>
/// <remarks>
/// The stream's last chunk has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage; a failure is an
/// <see cref="OpenCodeException"/> thrown after the chunks already delivered. Nothing is sent before the first <c>MoveNextAsync</c>.
/// </remarks>
public abstract class GenerationStage : IDisposable
{
    /// <summary>Streams the answer to <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the generation; a server stops generating when its request is aborted.</param>
    /// <returns>The chunks; the last one has <see cref="MessageChunk.IsDone"/>.</returns>
    public abstract IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks the pipeline for an object it holds (for example the rate limiter, or the model manager of a server).</summary>
    /// <param name="serviceType">The type asked for.</param>
    /// <param name="serviceKey">An optional key; stages of this library answer only unkeyed requests.</param>
    /// <returns>The object, or <see langword="null"/> when no stage has one.</returns>
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the stage holds.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
