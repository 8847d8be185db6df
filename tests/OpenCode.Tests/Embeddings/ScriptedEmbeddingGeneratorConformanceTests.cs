using Microsoft.Extensions.AI;

namespace OpenCode.Tests.Embeddings;

/// <summary>The conformance checks against a scripted llama-server.</summary>
public sealed class ScriptedEmbeddingGeneratorConformanceTests : EmbeddingGeneratorConformance
{
    protected override Task<IEmbeddingGenerator<string, Embedding<float>>> CreateGeneratorAsync()
    {
        var provider = new FakeEmbeddingServer().CreateProvider(o => o.Embeddings.BatchSize = 2);
        return Task.FromResult(provider.AsIEmbeddingGenerator(ownsProvider: true));
    }
}
