using System.Net;
using System.Runtime.CompilerServices;
using OpenCode.Configuration;
using OpenCode.Pipeline;
using OpenCode.Storage;
using OpenCode.Telemetry;
using OpenCode.Tests.Fakes;
using OpenCode.Tests.Telemetry;

namespace OpenCode.Tests.Embeddings;

/// <summary>Embeddings take the generation pipeline: a caller's stages, quotas, telemetry, limits, the ledger and retries all see each batch.</summary>
public sealed class EmbeddingPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateEmbeddings_Batches_OneLedgerRecordEachWithTheServersTokens()
    {
        var server = new FakeEmbeddingServer();
        var stores = OpenCodeStores.CreateInMemory();
        await using var provider = server.CreateProvider(o => o.Embeddings.BatchSize = 2, stores);

        await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a", "bb", "ccc"] }, Ct);

        var totals = await stores.Usage.GetTotalsAsync(new UsageQuery(DateTimeOffset.MinValue, DateTimeOffset.MaxValue), Ct);
        totals.Requests.ShouldBe(2, "two batches, two records");
        totals.PromptTokens.ShouldBe(6);
        totals.CompletionTokens.ShouldBe(0);
        totals.Errors.ShouldBe(0);
    }

    [Fact]
    public async Task GenerateEmbeddings_RequestBudgetSpent_QuotaExceededWithoutSending()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider(o => o.Quotas.Budgets.Add(new QuotaBudgetOptions { Requests = 1 }));
        await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a"] }, Ct);

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["b"] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.QuotaExceeded);
        server.Bodies.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GenerateEmbeddings_ServersCountSpendsTheTokenBudget_NextWaitsAndNeverFallsBack()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider(o =>
        {
            o.RateLimits.TokensPerMinute = 1000;
            o.RateLimits.QueueTimeout = 0;
            o.RateLimits.FallbackModel = "another-model";
        });

        // 1,200 characters: reserved as 400 tokens, settled with the 1,200 the server reports.
        await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = [new string('x', 1200)] }, Ct);
        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["y"] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.RateLimited, "another model's vectors would not compare, so embeddings never fall back");
        server.Bodies.Count.ShouldBe(1);
    }

    [Fact]
    public async Task GenerateEmbeddings_TransientFailure_RetriedByTheResilienceStage()
    {
        var server = new FakeEmbeddingServer();
        server.Answer.Enqueue(ScriptedHandler.Json("""{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", HttpStatusCode.ServiceUnavailable));
        await using var provider = server.CreateProvider(o => o.Resilience.UseJitter = false);

        var result = await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a"] }, Ct);

        result.Vectors.Count.ShouldBe(1);
        server.Bodies.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GenerateEmbeddings_WithListener_OneEmbeddingsActivityPerBatch()
    {
        using var spans = new SpanRecorder(OpenCodeTelemetry.ActivitySourceName);
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider(o =>
        {
            o.Embeddings.BatchSize = 1;
            o.ApiEndpoint = "http://127.0.0.1:18093";
        });

        await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["unique-telemetry-input", "b"] }, Ct);

        // A port no other test uses: activities of tests running alongside are heard too.
        var mine = spans.Stopped.Where(a => a.GetTagItem("server.port") is int port && port == 18093 && a.GetTagItem("gen_ai.operation.name") as string == "embeddings").ToList();
        mine.Count.ShouldBe(2);
        mine.ShouldAllBe(a => a.DisplayName == "embeddings " + FakeEmbeddingServer.Model);
        mine.Select(a => a.GetTagItem("gen_ai.usage.input_tokens")).ShouldContain(22);
    }

    [Fact]
    public async Task GenerateEmbeddings_CallersStage_SeesEachBatchAsAnEmbeddingsRequest()
    {
        var server = new FakeEmbeddingServer();
        var seen = new List<GenerationRequest>();
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18082" };
        options.Embeddings.BatchSize = 2;
        await using var provider = new OpenCode.Provider.OpenCodeProvider(options, new HttpClient(server.Handler))
        {
            ConfigurePipeline = pipeline => pipeline.Use(inner => new RecordingStage(inner, seen)),
        };

        await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a", "b", "c"] }, Ct);

        seen.Select(r => r.Kind).ShouldBe([GenerationKind.Embeddings, GenerationKind.Embeddings]);
        seen.Select(r => r.Embedding!.Inputs.Count).ShouldBe([2, 1]);
        seen.ShouldAllBe(r => r.Model == FakeEmbeddingServer.Model && r.OperationName == "embeddings");
    }

    private sealed class RecordingStage(GenerationStage inner, List<GenerationRequest> seen) : DelegatingGenerationStage(inner)
    {
        public override async IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            seen.Add(request);
            await foreach (var chunk in base.GenerateAsync(request, cancellationToken))
            {
                yield return chunk;
            }
        }
    }
}
