using System.Numerics.Tensors;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Embeddings;

/// <summary>
/// Embeddings from a real llama-server started by the library: shape, unit length, the server's token counts, batching that changes nothing,
/// and the same vectors from the same GGUF run in this process. The tiny models have random weights, so nothing here is about meaning.
/// </summary>
public sealed class LlamaServerEmbeddingTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static readonly string[] Inputs = ["def add(a, b):", "hello", "SELECT * FROM t", "x", "fn main() {}"];

    [Fact]
    public async Task GenerateEmbeddings_RealServer_UnitVectorsOfTheModelsWidthWithTheServersCountsWhateverTheBatchSize()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.GetSharedServerAsync(cts.Token);
        await using var whole = Create(server.BaseAddress, batchSize: 32);
        await using var batched = Create(server.BaseAddress, batchSize: 2);

        var once = await whole.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = Inputs }, cts.Token);
        var inBatches = await batched.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = Inputs }, cts.Token);

        once.Vectors.Count.ShouldBe(Inputs.Length);
        once.Vectors.ShouldAllBe(v => v.Length == new TinyModelSpec().EmbeddingLength);
        foreach (var vector in once.Vectors)
        {
            Math.Sqrt(vector.ToArray().Sum(x => (double)x * x)).ShouldBe(1.0, 1e-3);
        }

        once.Usage!.Source.ShouldBe(UsageSource.Reported);
        once.Usage.PromptTokens.ShouldBeGreaterThanOrEqualTo(Inputs.Length);
        inBatches.Usage!.PromptTokens.ShouldBe(once.Usage.PromptTokens, "the batches' counts add up to the single request's");
        for (var i = 0; i < Inputs.Length; i++)
        {
            // The server batches concurrent requests together, which moves the last digits.
            TensorPrimitives.CosineSimilarity(inBatches.Vectors[i].Span, once.Vectors[i].Span).ShouldBeGreaterThan(0.999f, $"input {i} has the same vector batched or not");
        }

        once.Model.ShouldBe((await whole.GetCapabilitiesAsync(cts.Token)).Model);
    }

    [Fact]
    public async Task GenerateEmbeddings_InProcessAndLlamaServerOnOneFile_SameVectorsAndCounts()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.GetSharedServerAsync(cts.Token);
        await using var remote = Create(server.BaseAddress, batchSize: 32);
        var options = new OpenCodeOptions { ModelPath = fixture.DefaultModel, LocalServer = { Threads = 1 } };
        await using var local = new OpenCodeProvider(options) { LocalModels = LocalModelBackendFactory.Instance };

        var fromServer = await remote.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = Inputs }, cts.Token);
        var fromProcess = await local.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = Inputs }, cts.Token);

        fromProcess.Usage!.PromptTokens.ShouldBe(fromServer.Usage!.PromptTokens);
        for (var i = 0; i < Inputs.Length; i++)
        {
            fromProcess.Vectors[i].Length.ShouldBe(fromServer.Vectors[i].Length);
            TensorPrimitives.CosineSimilarity(fromProcess.Vectors[i].Span, fromServer.Vectors[i].Span).ShouldBeGreaterThan(0.999f, $"input {i}: mean pooling and normalisation as llama-server does them");
        }
    }

    [Fact]
    public async Task GenerateEmbeddings_ServerStartedByTheLibrary_AnswersBesideChat()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.GetSharedServerAsync(cts.Token);

        await using var provider = Create(server.BaseAddress, batchSize: 32);
        var chat = await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 4 }, cts.Token)
            .ToCompletedMessageAsync(cancellationToken: cts.Token);
        var embedded = await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["hi"] }, cts.Token);

        chat.Usage!.CompletionTokens.ShouldBe(4, "--embeddings leaves chat as it was");
        embedded.Vectors.ShouldHaveSingleItem().Length.ShouldBe(new TinyModelSpec().EmbeddingLength);
    }

    private static OpenCodeProvider Create(Uri endpoint, int batchSize) =>
        new(new OpenCodeOptions { ApiEndpoint = endpoint.ToString(), Timeout = 120_000, Embeddings = { BatchSize = batchSize } });
}
