using Microsoft.Extensions.AI;
using OpenCode.Embeddings;

namespace OpenCode;

/// <summary>Gives any <see cref="IAIProvider"/> — an <c>OpenCodeProvider</c> or an <c>OpenCodeRouter</c> — as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
public static class OpenCodeEmbeddingGeneratorExtensions
{
    /// <summary>
    /// Wraps a provider as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="Embedding{T}"/> of <see cref="float"/> (usable with
    /// <c>EmbeddingGeneratorBuilder</c> middleware): batched by <c>embeddings.batchSize</c>, through the provider's limits, quotas, ledger,
    /// retries and, for a router, routing over its instances.
    /// </summary>
    /// <param name="provider">The provider or router.</param>
    /// <param name="ownsProvider">Whether disposing the generator disposes the provider.</param>
    /// <returns>The embedding generator.</returns>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this IAIProvider provider, bool ownsProvider = false)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new OpenCodeEmbeddingGenerator(provider, ownsProvider);
    }
}
