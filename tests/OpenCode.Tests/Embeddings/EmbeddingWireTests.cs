using System.Net;
using System.Text;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Embeddings;

/// <summary>Embeddings on the wire: <c>/v1/embeddings</c> and Ollama's <c>/api/embed</c>, batching, order, usage and every way an answer can be wrong.</summary>
public sealed class EmbeddingWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateEmbeddings_MoreInputsThanBatchSize_SendsBatchesAndKeepsInputOrder()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider(o => o.Embeddings.BatchSize = 2);
        string[] inputs = ["a", "bb", "ccc", "dddd", "eeeee"];

        var result = await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = inputs }, Ct);

        server.Bodies.Select(b => b.GetProperty("input").GetArrayLength()).ShouldBe([2, 2, 1]);
        result.Vectors.Count.ShouldBe(5);
        for (var i = 0; i < inputs.Length; i++)
        {
            result.Vectors[i].ToArray().ShouldBe(FakeEmbeddingServer.VectorOf(inputs[i]), $"vector {i} belongs to input {i}, though each answer lists its data in reverse");
        }

        result.Usage.ShouldNotBeNull();
        result.Usage.PromptTokens.ShouldBe(15, "the usage is summed over the three batches");
        result.Usage.TotalTokens.ShouldBe(15);
        result.Usage.Source.ShouldBe(UsageSource.Reported);
        result.Model.ShouldBe(FakeEmbeddingServer.Model);
        server.Bodies.ShouldAllBe(b => b.GetProperty("model").GetString() == FakeEmbeddingServer.Model);
    }

    [Fact]
    public async Task GenerateEmbeddings_NoInputs_ReturnsNoVectorsWithoutARequest()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider();

        var result = await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = [] }, Ct);

        result.Vectors.ShouldBeEmpty();
        server.Bodies.ShouldBeEmpty();
    }

    [Fact]
    public async Task GenerateEmbeddings_EmptyInput_InvalidRequestNamingItsIndexBeforeSending()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider();

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["x", ""] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        error.Message.ShouldContain("input 1");
        server.Handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GenerateEmbeddings_Dimensions_SentAndAnotherLengthRefused()
    {
        var server = new FakeEmbeddingServer();
        await using var provider = server.CreateProvider();

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["x"], Dimensions = 2 }, Ct));

        server.Bodies.Single().GetProperty("dimensions").GetInt32().ShouldBe(2);
        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported, "the fake answers 3 dimensions, as llama-server ignores 'dimensions'");
        error.Message.ShouldContain("3-dimensional");
    }

    [Fact]
    public async Task GenerateEmbeddings_Base64Answer_DecodedAsLittleEndianFloats()
    {
        var server = new FakeEmbeddingServer();
        var bytes = new byte[8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), 0.5f).ShouldBeTrue();
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), -2f).ShouldBeTrue();
        server.Answer.Enqueue(ScriptedHandler.Json(
            $$"""{"model":"m","object":"list","usage":{"prompt_tokens":2,"total_tokens":2},"data":[{"embedding":"{{Convert.ToBase64String(bytes)}}","index":0,"object":"embedding"}]}"""));
        await using var provider = server.CreateProvider();

        var result = await provider.GenerateEmbeddingsAsync(
            new EmbeddingRequest { Inputs = ["x"], AdditionalParameters = new Dictionary<string, object?> { ["encoding_format"] = "base64" } }, Ct);

        result.Vectors.Single().ToArray().ShouldBe([0.5f, -2f]);
        server.Bodies.Single().GetProperty("encoding_format").GetString().ShouldBe("base64");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"object":"list"}""")]
    [InlineData("""{"data":[{"embedding":[1,2],"index":0},{"embedding":[3,4],"index":0}]}""")]
    [InlineData("""{"data":[{"embedding":[1,2],"index":0}]}""")]
    [InlineData("""{"data":[{"embedding":[1,"two"],"index":0},{"embedding":[3,4],"index":1}]}""")]
    [InlineData("""{"data":[{"embedding":[1,2],"index":0},{"embedding":[3],"index":1}]}""")]
    [InlineData("""{"data":[{"embedding":[1,2],"index":0},{"embedding":[3,4],"index":7}]}""")]
    [InlineData("""{"data":[{"embedding":"%%%","index":0},{"embedding":[3,4],"index":1}]}""")]
    [InlineData("""[1,2,3]""")]
    public async Task GenerateEmbeddings_MalformedAnswer_InvalidResponse(string body)
    {
        var server = new FakeEmbeddingServer();
        for (var i = 0; i < 3; i++)
        {
            server.Answer.Enqueue(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        await using var provider = server.CreateProvider();

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a", "b"] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidResponse);
    }

    [Fact]
    public async Task GenerateEmbeddings_200ErrorAnswerRepeatsTheApiKey_MessageAndBodyMaskIt()
    {
        var server = new FakeEmbeddingServer();
        server.Answer.Enqueue(ScriptedHandler.Json("""{"error":{"message":"upstream rejected key sk-embed-secret-77","type":"server_error"}}"""));
        await using var provider = server.CreateProvider(o =>
        {
            o.Auth.ApiKey = "sk-embed-secret-77";
            o.Resilience.MaxAttempts = 1;
        });

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a"] }, Ct));

        error.Message.ShouldContain("upstream rejected key ***");
        error.ToString().ShouldNotContain("sk-embed-secret-77");
        (error.ErrorBody ?? string.Empty).ShouldNotContain("sk-embed-secret-77");
    }

    [Fact]
    public async Task GenerateEmbeddings_LlamaServerWithoutEmbeddingsFlag_CapabilityNotSupportedNamingTheEndpoint()
    {
        var server = new FakeEmbeddingServer();

        // What llama-server de3ff81 answers when started without --embeddings.
        server.Answer.Enqueue(ScriptedHandler.Json(
            """{"error":{"code":501,"message":"This server does not support embeddings. Start it with `--embeddings`","type":"not_supported_error"}}""", HttpStatusCode.NotImplemented));
        await using var provider = server.CreateProvider();

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a"] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        error.Message.ShouldContain("http://127.0.0.1:18082/v1/embeddings");
        error.Message.ShouldContain("--embeddings");
        server.Bodies.Count.ShouldBe(1, "a server that does not offer embeddings is not asked again");
    }

    [Fact]
    public async Task GenerateEmbeddings_ServerWithoutTheRoute_CapabilityNotSupported()
    {
        var server = new FakeEmbeddingServer();
        server.Answer.Enqueue(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found", Encoding.UTF8, "text/plain") });
        await using var provider = server.CreateProvider();

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a"] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        error.Message.ShouldContain("/v1/embeddings");
    }

    [Fact]
    public async Task GenerateEmbeddings_Ollama_UsesApiEmbedWithItsExactCounts()
    {
        var server = new FakeEmbeddingServer(ollama: true);
        await using var provider = server.CreateProvider();

        var result = await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["abc", "de"], Model = "qwen2.5-coder:7b" }, Ct);

        server.Handler.Requests.ShouldNotContain(r => r.Uri.AbsolutePath == "/v1/embeddings");
        var body = server.Bodies.Single();
        body.GetProperty("model").GetString().ShouldBe("qwen2.5-coder:7b");
        body.GetProperty("input").EnumerateArray().Select(e => e.GetString()).ShouldBe(["abc", "de"]);
        result.Vectors.Select(v => v.ToArray()).ShouldBe([FakeEmbeddingServer.VectorOf("abc"), FakeEmbeddingServer.VectorOf("de")]);
        result.Usage!.PromptTokens.ShouldBe(5);
        result.Usage.Source.ShouldBe(UsageSource.Reported);
        result.Model.ShouldBe("qwen2.5-coder:7b");
    }

    [Fact]
    public async Task GenerateEmbeddings_OllamaUnknownModel_ModelNotFound()
    {
        var server = new FakeEmbeddingServer(ollama: true);
        server.Answer.Enqueue(ScriptedHandler.Json("""{"error":"model \"nomic-embed-text\" not found, try pulling it first"}""", HttpStatusCode.NotFound));
        await using var provider = server.CreateProvider(o => o.Models.AutoDiscovery = false);

        var error = await Should.ThrowAsync<OpenCodeException>(() => provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["a"], Model = "nomic-embed-text" }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
    }

    [Fact]
    public async Task GenerateEmbeddings_NoUsageInTheAnswer_EstimatedAndMarkedCounted()
    {
        var server = new FakeEmbeddingServer();
        server.Answer.Enqueue(ScriptedHandler.Json("""{"data":[{"embedding":[1,2],"index":0}]}"""));
        await using var provider = server.CreateProvider();

        var result = await provider.GenerateEmbeddingsAsync(new EmbeddingRequest { Inputs = ["abcdef"] }, Ct);

        result.Usage!.Source.ShouldBe(UsageSource.Counted);
        result.Usage.PromptTokens.ShouldBe(2, "six characters at the library's three per token");
    }
}
