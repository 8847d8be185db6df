using System.Net;
using System.Text.Json;
using OpenCode.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class RequestAndEndpointTests
{
    private static readonly string Done = System.Text.Encoding.UTF8.GetString(ClientHarness.Events(ClientHarness.Finish("stop"), "[DONE]"));

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/v1/chat/completions")]
    [InlineData("http://127.0.0.1:9000/", "http://127.0.0.1:9000/v1/chat/completions")]
    [InlineData("http://127.0.0.1:9000/v1", "http://127.0.0.1:9000/v1/chat/completions")]
    [InlineData("http://127.0.0.1:9000/v1/", "http://127.0.0.1:9000/v1/chat/completions")]
    [InlineData("http://127.0.0.1:9000/proxy/llm/v1", "http://127.0.0.1:9000/proxy/llm/v1/chat/completions")]
    public async Task StreamChatCompletion_BaseUrlWithOrWithoutV1_PostsToChatCompletions(string baseUrl, string expected)
    {
        var handler = ClientHarness.Streaming(() => ScriptedStream.SplitEvery(System.Text.Encoding.UTF8.GetBytes(Done), 100));
        using var client = ClientHarness.Create(handler, configure: o => new() { Endpoint = new Uri(baseUrl) });

        await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        handler.Requests.Single().Uri.ToString().ShouldBe(expected);
    }

    [Fact]
    public async Task StreamChatCompletion_Body_AsksForUsageAndCarriesSamplingAndExtras()
    {
        var handler = ClientHarness.Streaming(() => ScriptedStream.SplitEvery(System.Text.Encoding.UTF8.GetBytes(Done), 100));
        using var client = ClientHarness.Create(handler);
        var request = new MessageRequest
        {
            Messages = [Message.System("be brief"), Message.User("hi")],
            MaxTokens = 42,
            Temperature = 0.25f,
            TopP = 0.9f,
            Seed = 7,
            Stop = ["\n\n"],
            AdditionalParameters = new Dictionary<string, object?> { ["top_k"] = 40, ["repeat_penalty"] = 1.1 },
        };

        await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(request, "coder", TestContext.Current.CancellationToken));

        var (_, _, body, authorization) = handler.Requests.Single();
        authorization.ShouldBe("Bearer sk-test-secret");
        using var json = JsonDocument.Parse(body!);
        var root = json.RootElement;
        root.GetProperty("model").GetString().ShouldBe("coder");
        root.GetProperty("stream").GetBoolean().ShouldBeTrue();
        root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean().ShouldBeTrue();
        root.GetProperty("max_tokens").GetInt32().ShouldBe(42);
        root.GetProperty("temperature").GetSingle().ShouldBe(0.25f);
        root.GetProperty("seed").GetInt64().ShouldBe(7);
        root.GetProperty("stop")[0].GetString().ShouldBe("\n\n");
        root.GetProperty("top_k").GetInt32().ShouldBe(40);
        root.GetProperty("repeat_penalty").GetDouble().ShouldBe(1.1);
        root.GetProperty("messages")[0].GetProperty("role").GetString().ShouldBe("system");
        root.GetProperty("messages")[1].GetProperty("content").GetString().ShouldBe("hi");
    }

    [Fact]
    public async Task StreamCompletion_Prompt_PostsToCompletionsAndReadsText()
    {
        var events = ClientHarness.Events(
            """{"choices":[{"text":"def ","index":0,"finish_reason":null}],"model":"m"}""",
            """{"choices":[{"text":"f():","index":0,"finish_reason":"length"}],"model":"m"}""",
            "[DONE]");
        var handler = ClientHarness.Streaming(() => ScriptedStream.SplitEvery(events, 5));
        using var client = ClientHarness.Create(handler);

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamCompletionAsync(new MessageRequest { Prompt = "# f\n" }, "m", TestContext.Current.CancellationToken));

        handler.Requests.Single().Uri.AbsolutePath.ShouldBe("/v1/completions");
        JsonDocument.Parse(handler.Requests.Single().Body!).RootElement.GetProperty("prompt").GetString().ShouldBe("# f\n");
        string.Concat(chunks.Select(c => c.Content)).ShouldBe("def f():");
        chunks[^1].FinishReason.ShouldBe(FinishReason.Length);
    }

    [Fact]
    public async Task AdditionalParameters_ReservedName_IsRejected()
    {
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery([], 1)));
        var request = ClientHarness.Chat() is var r ? new MessageRequest { Messages = r.Messages, AdditionalParameters = new Dictionary<string, object?> { ["stream"] = false } } : null!;

        var (_, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(request, "m", TestContext.Current.CancellationToken));

        thrown.ShouldBeOfType<OpenCodeException>().Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task CreateChatCompletion_NonStreaming_MapsContentReasoningAndUsage()
    {
        var body = """{"choices":[{"index":0,"message":{"role":"assistant","content":"<think>hmm</think>\nreturn 1"},"finish_reason":"length"}],"model":"m1","usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14}}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body))));

        var result = await client.CreateChatCompletionAsync(ClientHarness.Chat(), "m1", TestContext.Current.CancellationToken);

        result.Content.ShouldBe("return 1");
        result.ReasoningContent.ShouldBe("hmm");
        result.FinishReason.ShouldBe(FinishReason.Length);
        result.Usage.ShouldBe(new TokenUsage(5, 9, UsageSource.Reported));
        result.Model.ShouldBe("m1");
    }

    [Theory]
    [InlineData("""{"object":"list"}""", "no 'choices' array")]
    [InlineData("""{"choices":[{"index":0}]}""", "no 'message' object")]
    [InlineData("""{"choices":[{"index":0,"message":{"content":["a"]}}]}""", "choices[0].message.content is a JSON Array")]
    [InlineData("not json", "not valid JSON")]
    public async Task CreateChatCompletion_UnexpectedShape_ThrowsInvalidResponseNamingTheProblem(string body, string expected)
    {
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body))));

        var ex = await Should.ThrowAsync<OpenCodeInvalidResponseException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task ListModels_LlamaCppShape_ReadsMeta()
    {
        var body = """{"models":[{"name":"tiny","model":"tiny"}],"object":"list","data":[{"id":"tiny","object":"model","created":1795277819,"owned_by":"llamacpp","meta":{"vocab_type":2,"n_vocab":32016,"n_ctx_train":16384,"n_embd":64,"n_params":2100000,"size":8400000}}]}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body))));

        var model = (await client.ListModelsAsync(TestContext.Current.CancellationToken)).Single();

        model.Id.ShouldBe("tiny");
        model.TrainingContextWindow.ShouldBe(16384);
        model.ParameterCount.ShouldBe(2_100_000);
        model.VocabularySize.ShouldBe(32016);
        model.SizeBytes.ShouldBe(8_400_000);
        model.ContextWindow.ShouldBeNull();
    }

    [Fact]
    public async Task ListModels_VllmShape_ReadsMaxModelLenAndParent()
    {
        var body = """{"object":"list","data":[{"id":"sql-lora","object":"model","owned_by":"vllm","root":"/adapters/sql","parent":"Qwen/Qwen2.5-Coder-7B","max_model_len":32768}]}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(body))));

        var model = (await client.ListModelsAsync(TestContext.Current.CancellationToken)).Single();

        model.ContextWindow.ShouldBe(32768);
        model.BaseModel.ShouldBe("Qwen/Qwen2.5-Coder-7B");
    }

    [Fact]
    public async Task ListModels_Unauthorized_ThrowsAuthenticationFailed()
    {
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("{}", HttpStatusCode.Unauthorized))));

        var ex = await Should.ThrowAsync<OpenCodeException>(() => client.ListModelsAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.AuthenticationFailed);
    }

    [Fact]
    public async Task ListModels_BadRequest_ThrowsModelDiscoveryFailed()
    {
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("{}", HttpStatusCode.BadRequest))));

        var ex = await Should.ThrowAsync<OpenCodeException>(() => client.ListModelsAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelDiscoveryFailed);
    }

    [Fact]
    public async Task OpenCodeExtras_NotOffered_ReturnNull()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", HttpStatusCode.NotFound)));
        using var client = ClientHarness.Create(handler);

        (await client.ValidateAuthAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        (await client.GetUsageStatsAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        (await client.GetServerPropertiesAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        handler.Requests.Select(r => r.Uri.AbsolutePath).ShouldBe(["/auth/validate", "/usage/stats", "/props"]);
    }

    [Fact]
    public async Task OpenCodeExtras_Offered_AreRead()
    {
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/auth/validate" => ScriptedHandler.Json("""{"valid":true,"subject":"team-a"}"""),
            "/usage/stats" => ScriptedHandler.Json("""{"totalRequests":12,"totalTokens":3400}"""),
            _ => ScriptedHandler.Json("{}", HttpStatusCode.NotFound),
        }));
        using var client = ClientHarness.Create(handler);

        var auth = await client.ValidateAuthAsync(TestContext.Current.CancellationToken);
        var usage = await client.GetUsageStatsAsync(TestContext.Current.CancellationToken);

        auth!.IsValid.ShouldBeTrue();
        auth.Subject.ShouldBe("team-a");
        usage!.TotalRequests.ShouldBe(12);
        usage.TotalTokens.ShouldBe(3400);
    }

    [Fact]
    public async Task GetModel_ServerWithoutModelRoute_FallsBackToListAndReportsMissing()
    {
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(request.RequestUri!.AbsolutePath == "/v1/models"
            ? ScriptedHandler.Json("""{"data":[{"id":"a"},{"id":"b"}]}""")
            : ScriptedHandler.Json("{}", HttpStatusCode.NotFound)));
        using var client = ClientHarness.Create(handler);

        (await client.GetModelAsync("b", TestContext.Current.CancellationToken)).Id.ShouldBe("b");
        var ex = await Should.ThrowAsync<OpenCodeException>(() => client.GetModelAsync("zzz", TestContext.Current.CancellationToken));
        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        ex.Message.ShouldContain("a, b");
    }

    [Fact]
    public void Constructor_NonHttpEndpoint_ThrowsInvalidConfiguration()
    {
        var ex = Should.Throw<OpenCodeConfigurationException>(() => new OpenCodeClient(new OpenCodeClientOptions { Endpoint = new Uri("ftp://127.0.0.1/") }));
        ex.Message.ShouldContain("apiEndpoint");
    }
}
