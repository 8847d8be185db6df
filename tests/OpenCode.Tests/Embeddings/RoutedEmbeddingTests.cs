using OpenCode.Tests.Routing;

namespace OpenCode.Tests.Embeddings;

/// <summary>Embeddings through a router: to an instance serving the model, failing over (also past one without embeddings), never to another model.</summary>
public sealed class RoutedEmbeddingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateEmbeddings_FirstInstanceHasNoEmbeddings_AnsweredByTheNextWithTheRoute()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, "no --embeddings") };
        var bee = new FakeInstance("bee");
        await using var router = RouterHarness.Create([a, bee]);

        var result = await router.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["xy", "z"], Model = "m" }, Ct);

        result.Vectors.Select(v => v.ToArray()).ShouldBe([[3f, 2f], [3f, 1f]], "the vectors of instance 'bee', in input order");
        result.Route!.Instance.ShouldBe("bee");
        result.Route.Attempts.Select(x => (x.Instance, x.ErrorCode)).ShouldBe([("a", OpenCodeErrorCodes.CapabilityNotSupported), ("bee", null)]);
        result.Usage!.PromptTokens.ShouldBe(3);
    }

    [Fact]
    public async Task GenerateEmbeddings_ModelServedNowhereButAFallbackIs_ModelNotFoundNeverTheFallback()
    {
        var a = new FakeInstance("a", "chat-model");
        await using var router = RouterHarness.Create([a], configure: o => o.Routing.FallbackModel = "chat-model");

        var error = await Should.ThrowAsync<OpenCodeException>(() => router.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["x"], Model = "embed-model" }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        a.Sent.ShouldBe(0);
    }

    [Fact]
    public async Task GenerateEmbeddings_AllInstancesFail_NoInstanceAvailableListingTheAttempts()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = FakeInstance.ConnectionFailed() };
        await using var router = RouterHarness.Create([a]);

        var error = await Should.ThrowAsync<OpenCodeNoInstanceAvailableException>(() => router.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["x"], Model = "m" }, Ct));

        error.Attempts.Single().ErrorCode.ShouldBe(OpenCodeErrorCodes.ConnectionFailed);
    }
}
