using Microsoft.Extensions.Time.Testing;
using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Resilience;

/// <summary>Retries, Retry-After, the circuit breaker and lease release, through the provider against a scripted server over real HTTP.</summary>
public sealed class ProviderResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Chat => new() { Messages = [Message.User("hi")], MaxTokens = 8 };

    internal static OpenCodeProvider Create(ScriptedServer server, TimeProvider? clock = null, Action<OpenCodeOptions>? configure = null)
    {
        var options = new OpenCodeOptions { ApiEndpoint = server.Url };
        options.Resilience.BaseDelay = 0;
        options.Resilience.UseJitter = false;
        configure?.Invoke(options);
        return new OpenCodeProvider(options, timeProvider: clock);
    }

    internal static async Task<string> CollectTextAsync(IAsyncEnumerable<MessageChunk> chunks)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in chunks)
        {
            text.Append(chunk.Content);
        }

        return text.ToString();
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(500)]
    [InlineData(408)]
    public async Task SendMessage_TransientStatusTwiceThenSuccess_RetriesAndAnswersOnce(int status)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(status).ThenStatus(status);
        await using var provider = Create(server);

        var text = await CollectTextAsync(provider.SendMessageAsync(Chat, Ct));

        text.ShouldBe("hello world");
        server.ChatRequests.ShouldBe(3);
    }

    [Fact]
    public async Task SendMessage_TransientFailuresBeyondMaxAttempts_ThrowsTheLastError()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(503).ThenStatus(503).ThenStatus(503);
        await using var provider = Create(server, configure: o => o.Resilience.MaxAttempts = 3);

        var ex = await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ServerError);
        server.ChatRequests.ShouldBe(3);
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(501, "not_supported_error")]
    public async Task SendMessage_PermanentFailure_IsNotRetried(int status, string type)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(status, type);
        await using var provider = Create(server);

        await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_429WithRetryAfter_WaitsThatLongOnTheClockThenRetries()
    {
        var clock = new TimerWatch(new FakeTimeProvider());
        var retryDelay = clock.TimerCreated(due => due == TimeSpan.FromSeconds(2));
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(429, "rate_limit_error", ("Retry-After", "2"));
        await using var provider = Create(server, clock);

        var answer = CollectTextAsync(provider.SendMessageAsync(Chat, Ct));
        await retryDelay.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        server.ChatRequests.ShouldBe(1);
        clock.Clock.Advance(TimeSpan.FromSeconds(1.9));
        server.ChatRequests.ShouldBe(1);
        answer.IsCompleted.ShouldBeFalse();
        clock.Clock.Advance(TimeSpan.FromSeconds(0.2));

        (await answer.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe("hello world");
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_RetryAfterLongerThanMaxRetryAfter_FailsAtOnceCarryingIt()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(429, "rate_limit_error", ("Retry-After", "7200"));
        await using var provider = Create(server, configure: o => o.Resilience.MaxRetryAfter = 60);

        var ex = await Should.ThrowAsync<OpenCodeRateLimitException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)).WaitAsync(TimeSpan.FromSeconds(10), Ct));

        ex.RetryAfter.ShouldBe(TimeSpan.FromHours(2));
        server.ChatRequests.ShouldBe(1);
        ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessage_RefusalInsideA200Stream_IsNotRetried()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenBody(200, "text/event-stream", "data: {\"error\":{\"code\":400,\"message\":\"tools param requires --jinja flag\",\"type\":\"invalid_request_error\"}}\n\n");
        await using var provider = Create(server);

        var ex = await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("--jinja");
        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_ServerErrorEventBeforeAnyChunk_IsRetried()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenBody(200, "text/event-stream", "data: {\"error\":{\"code\":500,\"message\":\"slot failed\",\"type\":\"server_error\"}}\n\n");
        await using var provider = Create(server);

        (await CollectTextAsync(provider.SendMessageAsync(Chat, Ct))).ShouldBe("hello world");

        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_StreamCutAfterFirstChunk_IsNotRestarted()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenCutAfterFirstChunk();
        await using var provider = Create(server);
        var received = new List<string>();

        var ex = await Should.ThrowAsync<OpenCodeStreamInterruptedException>(async () =>
        {
            await foreach (var chunk in provider.SendMessageAsync(Chat, Ct))
            {
                received.Add(chunk.Content);
            }
        });

        received.ShouldBe(["partial"]);
        ex.ChunksDelivered.ShouldBe(1);
        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_CallerCancelsDuringBackoff_DoesNotRetry()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(503);
        await using var provider = Create(server, clock, o => o.Resilience.BaseDelay = 5000);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var answer = CollectTextAsync(provider.SendMessageAsync(Chat, cancel.Token));
        (await server.ChatArrived.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBeTrue();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(answer.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        clock.Advance(TimeSpan.FromSeconds(10));
        server.ChatRequests.ShouldBe(1);
        ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessage_EndpointKeepsFailingAndMaxWaitIsZero_CircuitOpensAndRejectsAtOnceWithoutSending()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(500).ThenStatus(500);
        await using var provider = Create(server, configure: o =>
        {
            o.Resilience.MaxAttempts = 1;
            o.Resilience.CircuitBreaker.MaxWait = 0;
            o.Resilience.CircuitBreaker.MinimumThroughput = 2;
            o.Resilience.CircuitBreaker.FailureRatio = 0.5;
        });
        await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));
        await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

        var ex = await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CircuitOpen);
        ex.RetryAfter.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_EveryEndingPath_ReleasesEveryLease()
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, configure: o => { o.RateLimits.ConcurrentRequests = 2; o.Resilience.MaxAttempts = 1; });
        for (var round = 0; round < 5; round++)
        {
            (await CollectTextAsync(provider.SendMessageAsync(Chat, Ct))).ShouldBe("hello world");

            server.ThenStatus(400, "invalid_request_error");
            await Should.ThrowAsync<OpenCodeException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

            server.ThenCutAfterFirstChunk();
            await Should.ThrowAsync<OpenCodeStreamInterruptedException>(CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

            // Abandoned: the caller stops after the first chunk.
            await foreach (var chunk in provider.SendMessageAsync(Chat, Ct))
            {
                chunk.Content.ShouldBe("hello");
                break;
            }

            // Cancelled by the caller before the answer came.
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            await cancel.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(CollectTextAsync(provider.SendMessageAsync(Chat, cancel.Token)));

            // Enumerator disposed without ever being moved.
            await provider.SendMessageAsync(Chat, Ct).GetAsyncEnumerator(Ct).DisposeAsync();
        }

        ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).ShouldBe(new RateLimiterSnapshot(0, 0, 2, null));
    }
}
