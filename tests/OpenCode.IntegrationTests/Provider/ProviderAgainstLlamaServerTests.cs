using System.Diagnostics;
using System.Text.Json;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Provider;

/// <summary>The provider end to end against a real llama-server with tiny models.</summary>
public sealed class ProviderAgainstLlamaServerTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<bool, bool> StreamingAndMode => new() { { true, true }, { true, false }, { false, true }, { false, false } };

    [Theory]
    [MemberData(nameof(StreamingAndMode))]
    public async Task SendMessage_ChatOrCompletion_StreamingOrNot_RunsToLengthWithExactUsage(bool streaming, bool chat)
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 512 }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Features = { Streaming = streaming } });
        var request = chat
            ? new MessageRequest { Messages = [Message.System("You write code."), Message.User("Reverse a string in C#.")], MaxTokens = 12, Seed = 3 }
            : new MessageRequest { Prompt = "public static string Reverse(string s) {", MaxTokens = 12, Seed = 3 };

        var answer = await provider.SendMessageAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token);

        answer.FinishReason.ShouldBe(FinishReason.Length);
        answer.Content.ShouldNotBeNullOrEmpty();
        answer.Usage.ShouldNotBeNull();
        answer.Usage.CompletionTokens.ShouldBe(12);
        answer.Usage.PromptTokens.ShouldBeGreaterThan(0);
        answer.Usage.Source.ShouldBe(UsageSource.Reported);
        answer.Model.ShouldNotBeNullOrEmpty();
        (await provider.GetCapabilitiesAsync(cts.Token)).ContextWindow.ShouldBe(512);
    }

    [Fact]
    public async Task GetCapabilities_ModelFileWithSamplingDefaults_ReportsTheDefaultsTheServerApplies()
    {
        using var cts = TestDeadline.After(Deadline);
        var model = fixture.CreateModel("tiny-sampling", new TinyModelSpec { Sampling = new Dictionary<string, float> { ["temp"] = 0.15f, ["top_k"] = 7, ["top_p"] = 0.8f } });
        var server = await fixture.StartAsync(model, new LocalServerOptions { ContextSize = 512 }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });

        var sampling = (await provider.GetCapabilitiesAsync(cts.Token)).SamplingDefaults.ShouldNotBeNull();

        sampling.Temperature.ShouldNotBeNull().ShouldBe(0.15f, 0.001f);
        sampling.TopK.ShouldBe(7);
        sampling.TopP.ShouldNotBeNull().ShouldBe(0.8f, 0.001f);
    }

    [Fact]
    public async Task GetCapabilities_RealServer_ReportsItsContextWindowTemplateAndModel()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 1024, Parallel = 2 }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress + "v1" });

        var capabilities = await provider.GetCapabilitiesAsync(cts.Token);
        var models = await provider.ListModelsAsync(cts.Token);

        // llama.cpp splits the context across slots: each request gets 1024 / 2.
        capabilities.ContextWindow.ShouldBe(512);
        capabilities.TrainingContextWindow.ShouldBe(4096);
        capabilities.SupportsChat.ShouldBe(true);
        capabilities.ParallelSlots.ShouldBe(2);
        capabilities.Dialect.ShouldBe("llama.cpp");
        models.Single().Id.ShouldBe(capabilities.Model);
        models.Single().ParameterCount.ShouldNotBeNull().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SendMessage_PromptLongerThanContext_ThrowsContextLengthExceeded()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 256 }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        var longPrompt = string.Join(' ', Enumerable.Repeat("reverse the string and return it", 200));

        var ex = await Should.ThrowAsync<OpenCodeContextLengthException>(() =>
            provider.SendMessageAsync(new MessageRequest { Messages = [Message.User(longPrompt)], MaxTokens = 8 }, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ContextLengthExceeded);
        ex.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        ex.ContextWindow.ShouldBe(256);
        ex.PromptTokens.ShouldNotBeNull().ShouldBeGreaterThan(256);
    }

    [Fact]
    public async Task SendMessage_ServerErrorEventMidStream_ThrowsTypedExceptionAfterDeliveredChunks()
    {
        // With context shift on, a shared-prompt request (n = 2) that fills its slot's context makes llama-server
        // end the HTTP 200 stream with {"error":{...}} and no [DONE].
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(
            new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, Options = new LocalServerOptions { ContextSize = 512, Parallel = 2 }, AdditionalArguments = ["--context-shift"] },
            cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        var request = new MessageRequest { Messages = [Message.User("hello")], MaxTokens = 1000, AdditionalParameters = new Dictionary<string, object?> { ["n"] = 2 } };
        var delivered = new List<MessageChunk>();

        var ex = await Should.ThrowAsync<OpenCodeStreamInterruptedException>(() => provider.SendMessageAsync(request, cts.Token).ToCompletedMessageAsync(delivered.Add, cancellationToken: cts.Token));

        ex.Code.ShouldBe(OpenCodeErrorCodes.StreamInterrupted);
        ex.ServerErrorType.ShouldBe("server_error");
        ex.ErrorBody.ShouldNotBeNull().ShouldContain("context shift");
        ex.ChunksDelivered.ShouldBe(delivered.Count);
        delivered.Count.ShouldBeGreaterThan(50);
        delivered.ShouldAllBe(c => !c.IsDone);
    }

    [Fact]
    public async Task SendMessage_CallerCancelsMidStream_ServerStopsGenerating()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 4096 }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        using var http = new HttpClient();
        using var callerCts = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var received = 0;

        var stream = provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("go")], MaxTokens = 4000 }, callerCts.Token);
        var ex = await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in stream)
            {
                if (++received == 20)
                {
                    (await IsProcessingAsync(http, server.BaseAddress, cts.Token)).ShouldBeTrue();
                    await callerCts.CancelAsync();
                }
            }
        });
        var stopwatch = Stopwatch.StartNew();
        while (await IsProcessingAsync(http, server.BaseAddress, cts.Token) && stopwatch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(5, cts.Token);
        }

        // Measured at ~10-50 ms (docs/benchmarks.md); a connection drained instead of closed would take ~2 s.
        (await IsProcessingAsync(http, server.BaseAddress, cts.Token)).ShouldBeFalse();
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        received.ShouldBe(20);
    }

    [Fact]
    public async Task SendMessage_ServerKilledMidStream_ThrowsStreamInterrupted()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 4096, MaxRestarts = 0 }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        var received = 0;

        var ex = await Should.ThrowAsync<OpenCodeException>(async () =>
        {
            await foreach (var chunk in provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("go")], MaxTokens = 4000 }, cts.Token))
            {
                if (++received == 10)
                {
                    using var process = Process.GetProcessById(server.ProcessId);
                    process.Kill();
                }
            }
        });

        ex.Code.ShouldBe(OpenCodeErrorCodes.StreamInterrupted);
        ex.ShouldBeOfType<OpenCodeStreamInterruptedException>().ChunksDelivered.ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public async Task SendMessage_WrongApiKey_ThrowsAuthenticationFailedWithoutEchoingIt()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, ApiKey = "right-key-123" }, cts.Token);
        await using var wrong = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Auth = { ApiKey = "wrong-key-456" } });
        await using var right = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Auth = { ApiKey = "right-key-123" } });
        var request = new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 4 };

        var ex = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => wrong.SendMessageAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token));
        var answer = await right.SendMessageAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token);

        ex.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        ex.ToString().ShouldNotContain("wrong-key-456");
        answer.Usage!.CompletionTokens.ShouldBe(4);
    }

    [Fact]
    public async Task SendMessage_ManySequentialStreams_ReusePooledConnectionsWithoutFailures()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, cancellationToken: cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });

        for (var i = 0; i < 15; i++)
        {
            var answer = await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User($"n{i}")], MaxTokens = 4 }, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token);
            answer.Usage!.CompletionTokens.ShouldBe(4);
        }
    }

    private static async Task<bool> IsProcessingAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        using var slots = JsonDocument.Parse(await http.GetStringAsync(new Uri(server, "slots"), cancellationToken));
        return slots.RootElement.EnumerateArray().Any(slot => slot.GetProperty("is_processing").GetBoolean());
    }
}
