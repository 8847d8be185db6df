using Microsoft.Extensions.AI;
using OpenCode.ChatClient;
using OpenCode.Embeddings;

namespace OpenCode;

/// <summary>
/// Gives any <see cref="IAIProvider"/> — an <c>OpenCodeProvider</c> or an <c>OpenCodeRouter</c> — as the Microsoft.Extensions.AI
/// abstractions: an <see cref="IChatClient"/> and an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, both over the provider's one pipeline.
/// </summary>
public static class OpenCodeAIExtensions
{
    /// <summary>Wraps a provider as an <see cref="IChatClient"/> (usable with <c>ChatClientBuilder</c> middleware).</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="ownsProvider">Whether disposing the chat client disposes the provider.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AsIChatClient(this IAIProvider provider, bool ownsProvider = false)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new OpenCodeChatClient(provider, ownsProvider);
    }

    /// <summary>Wraps a provider as an <see cref="IChatClient"/>; the same as <see cref="AsIChatClient"/>, under its earlier name.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="ownsProvider">Whether disposing the chat client disposes the provider.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AsChatClient(this IAIProvider provider, bool ownsProvider = false) => AsIChatClient(provider, ownsProvider);

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
