using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Embeddings;

namespace OpenCode.IntegrationTests.Embeddings;

/// <summary>The conformance checks against a real llama-server (the shared one: the library starts llama-server with <c>--embeddings</c>).</summary>
public sealed class LlamaServerEmbeddingGeneratorConformanceTests(LlamaServerFixture fixture) : EmbeddingGeneratorConformance
{
    protected override async Task<IEmbeddingGenerator<string, Embedding<float>>> CreateGeneratorAsync()
    {
        var server = await fixture.GetSharedServerAsync(Ct);
        var options = new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Timeout = 120_000, Embeddings = { BatchSize = 2 } };
        return new OpenCodeProvider(options).AsIEmbeddingGenerator(ownsProvider: true);
    }
}
