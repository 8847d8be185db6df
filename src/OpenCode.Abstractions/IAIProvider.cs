namespace OpenCode;

/// <summary>The unified provider interface: one way to talk to any model server.</summary>
public interface IAIProvider : IAsyncDisposable
{
    /// <summary>Connects to the server (starting a local one in direct mode), checks it answers and learns what it serves.</summary>
    /// <param name="cancellationToken">Cancels the initialization.</param>
    /// <returns>A task that completes when the provider is ready.</returns>
    /// <exception cref="OpenCodeException">The server is unreachable, rejects the credential, or the configuration is invalid.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends a request and streams the answer as it is generated.</summary>
    /// <param name="request">What to send.</param>
    /// <param name="cancellationToken">Cancels the generation; the server-side request is aborted.</param>
    /// <returns>
    /// The chunks of the answer. The last one has <see cref="MessageChunk.IsDone"/> set, a <see cref="MessageChunk.FinishReason"/>
    /// and the usage. A generation that ends any other way throws an <see cref="OpenCodeException"/> after the chunks already yielded.
    /// </returns>
    IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reports what the server and its models can do, as the server says.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The capabilities.</returns>
    Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns texts into embedding vectors, in input order, batched by <c>embeddings.batchSize</c>.</summary>
    /// <param name="request">The texts, the model and the dimensions.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One vector per input, the model and the usage summed over the batches.</returns>
    /// <exception cref="OpenCodeException">
    /// CAPABILITY_NOT_SUPPORTED when the provider or its server makes no embeddings (the default for providers that do not override this).
    /// </exception>
    Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken = default) =>
        Task.FromException<EmbeddingResult>(new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, $"{GetType().Name} does not make embeddings."));
}
