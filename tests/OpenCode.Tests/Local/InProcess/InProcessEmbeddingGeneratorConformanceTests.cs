using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Provider;
using OpenCode.Tests.Embeddings;

namespace OpenCode.Tests.Local.InProcess;

/// <summary>The conformance checks against a tiny GGUF run in this process.</summary>
public sealed class InProcessEmbeddingGeneratorConformanceTests(TinyModelFiles files) : EmbeddingGeneratorConformance, IClassFixture<TinyModelFiles>
{
    protected override Task<IEmbeddingGenerator<string, Embedding<float>>> CreateGeneratorAsync()
    {
        var options = new OpenCodeOptions { ModelPath = files.WithFim, LocalServer = { Threads = 1 }, Embeddings = { BatchSize = 2 } };
        var provider = new OpenCodeProvider(options) { LocalModels = LocalModelBackendFactory.Instance };
        return Task.FromResult(provider.AsIEmbeddingGenerator(ownsProvider: true));
    }
}
