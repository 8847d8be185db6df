namespace OpenCode.Routing;

/// <summary>One server a router sends requests to; <see cref="ProviderInstance"/> adapts an <see cref="Provider.OpenCodeProvider"/>.</summary>
internal interface IRoutedInstance : IAsyncDisposable
{
    /// <summary>Gets the instance's unique name.</summary>
    string Name { get; }

    /// <summary>Connects and learns the models served; throws an <see cref="OpenCodeException"/> when the server cannot be reached.</summary>
    Task<IReadOnlyList<RoutedModel>> DiscoverModelsAsync(CancellationToken cancellationToken);

    /// <summary>Gets the capabilities of the server's default model.</summary>
    Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken);

    /// <summary>Sends a request to this instance alone.</summary>
    IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, CancellationToken cancellationToken);

    /// <summary>Turns texts into embedding vectors on this instance alone.</summary>
    Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken);

    /// <summary>Asks whether the server is ready to answer; never throws for an unreachable server.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Counts the tokens of a text with the server's tokenizer; <see langword="null"/> when the server cannot.</summary>
    Task<int?> CountTokensAsync(string text, CancellationToken cancellationToken);
}
