using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Resilience;

/// <summary>Hostile or broken answers through the provider over real HTTP: what is retried, what fails at once, and how.</summary>
public sealed class HostileServerProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Chat => new() { Messages = [Message.User("hi")], MaxTokens = 8 };

    private static OpenCodeProvider Create(ScriptedServer server, Action<OpenCodeOptions>? configure = null) =>
        ProviderResilienceTests.Create(server, configure: configure);

    private static async Task<List<MessageChunk>> CollectAsync(IAsyncEnumerable<MessageChunk> stream)
    {
        var chunks = new List<MessageChunk>();
        await foreach (var chunk in stream)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task SendMessage_RetryAfterBeyondMaxRetryAfterOnAnyStatus_FailsAtOnceCarryingIt(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(status, "unavailable_error", ("Retry-After", "600"));
        await using var provider = Create(server, o => o.Resilience.MaxRetryAfter = 60);

        var ex = await Should.ThrowAsync<OpenCodeException>(CollectAsync(provider.SendMessageAsync(Chat, Ct)).WaitAsync(TimeSpan.FromSeconds(20), Ct));

        ex.RetryAfter.ShouldBe(TimeSpan.FromMinutes(10));
        ex.Code.ShouldNotBe(OpenCodeErrorCodes.Timeout);
        server.ChatRequests.ShouldBe(1);
        ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessage_503WithShortRetryAfter_IsStillRetried()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(503, "unavailable_error", ("Retry-After", "0"));
        await using var provider = Create(server);

        var chunks = await CollectAsync(provider.SendMessageAsync(Chat, Ct));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("hello world");
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_HtmlPageWith200_FailsOnceTypedAndIsNotResent()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenBody(200, "text/html; charset=utf-8", "<html><head><title>Portal</title></head><body>log in</body></html>");
        await using var provider = Create(server);

        var ex = await Should.ThrowAsync<OpenCodeInvalidResponseException>(CollectAsync(provider.SendMessageAsync(Chat, Ct)));

        ex.Message.ShouldContain("text/html");
        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_JsonAnswerToStreamedRequest_IsTheResultAndSentOnce()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenBody(200, "application/json", """{"choices":[{"index":0,"message":{"role":"assistant","content":"whole answer"},"finish_reason":"stop"}],"model":"tiny-coder","usage":{"prompt_tokens":3,"completion_tokens":2}}""");
        await using var provider = Create(server);

        var chunks = await CollectAsync(provider.SendMessageAsync(Chat, Ct));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("whole answer");
        chunks[^1].IsDone.ShouldBeTrue();
        chunks[^1].FinishReason.ShouldBe(FinishReason.Stop);
        chunks[^1].Metadata.Usage!.CompletionTokens.ShouldBe(2);
        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_OnlyDone_FailsWithEmptyResponseAndIsNotResent()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenBody(200, "text/event-stream", "data: [DONE]\n\n");
        await using var provider = Create(server);

        var ex = await Should.ThrowAsync<OpenCodeException>(CollectAsync(provider.SendMessageAsync(Chat, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.EmptyResponse);
        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_FlakySingleServerWithDefaults_CircuitStaysClosedAndEveryRequestSucceeds()
    {
        await using var server = await ScriptedServer.StartAsync();
        for (var i = 0; i < 25; i++)
        {
            // Every request's first attempt fails, its retry succeeds: half of all attempts fail. The old breaker defaults
            // (open at 0.5 of at least 10 attempts) rejected requests from the sixth on with CIRCUIT_OPEN, though each would succeed.
            server.ThenStatus(503, "unavailable_error").ThenAnswer();
        }

        await using var provider = Create(server);

        for (var i = 0; i < 25; i++)
        {
            var chunks = await CollectAsync(provider.SendMessageAsync(Chat, Ct));
            string.Concat(chunks.Select(c => c.Content)).ShouldBe("hello world", $"request {i}");
        }

        server.ChatRequests.ShouldBe(50);
    }
}
