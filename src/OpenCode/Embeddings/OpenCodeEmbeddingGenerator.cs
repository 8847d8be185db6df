using Microsoft.Extensions.AI;
using OpenCode.ChatClient;

namespace OpenCode.Embeddings;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over any <see cref="IAIProvider"/> (a provider, or a router over instances): each
/// call is one <see cref="IAIProvider.GenerateEmbeddingsAsync"/>, so batching, limits, quotas, the ledger, retries and routing apply.
/// </summary>
internal sealed class OpenCodeEmbeddingGenerator(IAIProvider provider, bool ownsProvider) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _lastDimensions;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var request = ToRequest(values, options);
        var result = await provider.GenerateEmbeddingsAsync(request, cancellationToken).ConfigureAwait(false);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(result.Vectors.Count);
        foreach (var vector in result.Vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = result.Model, CreatedAt = result.CreatedAt });
        }

        if (result.Usage is { } usage)
        {
            embeddings.Usage = new UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens };
        }

        if (result.Route is { } route)
        {
            embeddings.AdditionalProperties = new AdditionalPropertiesDictionary { ["opencode.route"] = route };
        }

        if (request.Model is null && result.Vectors.Count > 0)
        {
            _lastDimensions = result.Vectors[0].Length;
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            // The chat client's description of the same provider: name, endpoint and default model, known before the first request.
            var chat = ChatClientMetadataFactory.Describe(provider);
            return new EmbeddingGeneratorMetadata(chat.ProviderName, chat.ProviderUri, chat.DefaultModelId, _lastDimensions > 0 ? _lastDimensions : null);
        }

        return serviceType.IsInstanceOfType(provider) ? provider : serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (ownsProvider)
        {
            // IEmbeddingGenerator offers only a synchronous Dispose; the provider's cleanup is asynchronous, so it runs in the background.
            _ = provider.DisposeAsync().AsTask();
        }
    }

    /// <summary>
    /// The request for <paramref name="values"/>: an <see cref="EmbeddingRequest"/> from <c>RawRepresentationFactory</c> is the starting point;
    /// the options' model, dimensions and additional properties (sent as extra body fields) are laid over it.
    /// </summary>
    private EmbeddingRequest ToRequest(IEnumerable<string> values, EmbeddingGenerationOptions? options)
    {
        var inputs = values as IReadOnlyList<string> ?? [.. values];
        var request = options?.RawRepresentationFactory?.Invoke(this) is EmbeddingRequest raw ? raw with { Inputs = inputs } : new EmbeddingRequest { Inputs = inputs };
        if (options is null)
        {
            return request;
        }

        return request with
        {
            Model = options.ModelId ?? request.Model,
            Dimensions = options.Dimensions ?? request.Dimensions,
            AdditionalParameters = options.AdditionalProperties is { Count: > 0 } extra
                ? new Dictionary<string, object?>(extra, StringComparer.Ordinal)
                : request.AdditionalParameters,
        };
    }
}
