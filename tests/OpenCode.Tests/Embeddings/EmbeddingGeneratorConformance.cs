using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using OpenCode.Tests.Telemetry;

namespace OpenCode.Tests.Embeddings;

/// <summary>
/// What every <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of this library must do, whatever serves it (a scripted server, a real
/// llama-server, a model in this process): the mechanics Microsoft.Extensions.AI's own integration tests check — a vector per input with
/// the default model's id, usage, batches, MEAI's OpenTelemetry middleware, cancellation — plus what random weights still allow: the same
/// text gives the same vector, and vectors have one size.
/// </summary>
/// <remarks>A subclass makes the generator with <c>embeddings.batchSize</c> 2, so <see cref="Inputs"/> takes three batches.</remarks>
public abstract class EmbeddingGeneratorConformance
{
    protected static readonly string[] Inputs = ["Red", "White", "Blue", "int main() { return 0; }", "SELECT 1"];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_OneInput_AVectorWithTheDefaultModelsIdAndUsage()
    {
        using var generator = await CreateGeneratorAsync();

        var embeddings = await generator.GenerateAsync(["Using AI with .NET"], cancellationToken: Ct);

        var embedding = embeddings.ShouldHaveSingleItem();
        embedding.Vector.Length.ShouldBeGreaterThan(0);
        embedding.ModelId.ShouldNotBeNull();
        embedding.ModelId.ShouldBe(generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        embedding.CreatedAt.ShouldNotBeNull();
        embeddings.Usage.ShouldNotBeNull();
        embeddings.Usage.InputTokenCount.ShouldNotBeNull();
        embeddings.Usage.InputTokenCount.Value.ShouldBeGreaterThan(0);
        embeddings.Usage.TotalTokenCount.ShouldBe(embeddings.Usage.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_SeveralInputsOverBatches_OneVectorEachOfOneSizeInInputOrder()
    {
        using var generator = await CreateGeneratorAsync();

        var all = await generator.GenerateAsync(Inputs, cancellationToken: Ct);
        var one = await generator.GenerateAsync([Inputs[3]], cancellationToken: Ct);

        all.Count.ShouldBe(Inputs.Length);
        all.Select(e => e.Vector.Length).Distinct().ShouldHaveSingleItem();
        var nearest = all.Select((e, i) => (Index: i, Similarity: TensorPrimitives.CosineSimilarity(e.Vector.Span, one[0].Vector.Span))).MaxBy(x => x.Similarity);
        nearest.Index.ShouldBe(3, "the fourth vector is the fourth input's, though it came in the second batch");
        nearest.Similarity.ShouldBeGreaterThan(0.999f);
        all.Usage!.InputTokenCount!.Value.ShouldBeGreaterThan(one.Usage!.InputTokenCount!.Value);
        all.ShouldAllBe(e => e.ModelId == all[0].ModelId);
    }

    [Fact]
    public async Task GenerateAsync_SameTextTwice_SameVector()
    {
        using var generator = await CreateGeneratorAsync();

        var first = await generator.GenerateVectorAsync("deterministic", cancellationToken: Ct);
        var again = await generator.GenerateVectorAsync("deterministic", cancellationToken: Ct);
        var other = await generator.GenerateVectorAsync("something else entirely", cancellationToken: Ct);

        // A server that batches concurrent requests together may differ in the last digits: the same text is nearer than any other.
        TensorPrimitives.CosineSimilarity(again.Span, first.Span).ShouldBeGreaterThan(0.999f);
        TensorPrimitives.CosineSimilarity(again.Span, first.Span).ShouldBeGreaterThan(TensorPrimitives.CosineSimilarity(other.Span, first.Span));
        other.ToArray().ShouldNotBe(first.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_OperationCanceled()
    {
        using var generator = await CreateGeneratorAsync();
        await generator.GenerateAsync(["warm up"], cancellationToken: Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => generator.GenerateAsync(Inputs, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task UseOpenTelemetry_OneEmbeddingsActivityWithTheEndpointAndInputTokens()
    {
        var sourceName = "conformance-" + Guid.NewGuid().ToString("N");
        using var spans = new SpanRecorder(sourceName);
        using var generator = (await CreateGeneratorAsync()).AsBuilder().UseOpenTelemetry(sourceName: sourceName).Build();

        await generator.GenerateAsync(["Hello, world!"], cancellationToken: Ct);

        var activity = spans.Single();
        activity.DisplayName.ShouldStartWith("embeddings");
        ((int)activity.GetTagItem("gen_ai.usage.input_tokens")!).ShouldBeGreaterThan(0);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        metadata.ProviderName.ShouldBe("opencode");
        metadata.ProviderUri.ShouldNotBeNull();
        if (metadata.ProviderUri.IsLoopback && !metadata.ProviderUri.IsFile)
        {
            activity.GetTagItem("server.port").ShouldBe(metadata.ProviderUri.Port);
        }
    }

    /// <summary>Makes the generator under test, with <c>embeddings.batchSize</c> 2; the test disposes it.</summary>
    protected abstract Task<IEmbeddingGenerator<string, Embedding<float>>> CreateGeneratorAsync();
}
