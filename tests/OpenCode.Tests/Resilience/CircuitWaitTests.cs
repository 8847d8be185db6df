using Microsoft.Extensions.Time.Testing;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Resilience;

/// <summary>
/// Requests that meet an open circuit wait (bounded by <c>circuitBreaker.maxWait</c>) for the break to end and the trial call's outcome,
/// against a scripted flaky server over real HTTP, on a fake clock. A request is seen to wait when it parks on the clock (a timer
/// due when its wait should end), never by giving it wall-clock time to (wrongly) go on.
/// </summary>
public sealed class CircuitWaitTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Chat => new() { Messages = [Message.User("hi")], MaxTokens = 8 };

    /// <summary>A provider whose circuit opens after two failed attempts (no retries) and breaks for 5 s.</summary>
    private static OpenCodeProvider Create(ScriptedServer server, TimeProvider clock, int maxWaitMs = 10_000, int breakMs = 5_000) =>
        ProviderResilienceTests.Create(server, clock, o =>
        {
            o.Resilience.MaxAttempts = 1;
            o.Resilience.CircuitBreaker.MinimumThroughput = 2;
            o.Resilience.CircuitBreaker.FailureRatio = 0.5;
            o.Resilience.CircuitBreaker.BreakDuration = breakMs;
            o.Resilience.CircuitBreaker.MaxWait = maxWaitMs;
        });

    private static async Task OpenCircuitAsync(OpenCodeProvider provider, ScriptedServer server)
    {
        server.ThenStatus(500).ThenStatus(500);
        await Should.ThrowAsync<OpenCodeException>(ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));
        await Should.ThrowAsync<OpenCodeException>(ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)));

        // Take the two arrivals off the server's count, so that the next wait for an arrival sees the next request.
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
    }

    /// <summary>Starts a request and returns once it waits on the clock for <paramref name="wait"/> (the break left, or its own deadline).</summary>
    private static async Task<Task<string>> StartParkedAsync(OpenCodeProvider provider, TimerWatch clock, TimeSpan wait, CancellationToken cancellationToken)
    {
        var parked = clock.TimerCreated(due => due == wait);
        var answer = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, cancellationToken));
        await parked.WaitAsync(Bound, Ct);
        answer.IsCompleted.ShouldBeFalse();
        return answer;
    }

    [Fact]
    public async Task SendMessage_ServerRecoversDuringTheBreak_RequestWaitsForTheBreakAndIsAnswered()
    {
        var clock = new TimerWatch(new FakeTimeProvider());
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock);
        await OpenCircuitAsync(provider, server);

        var answer = await StartParkedAsync(provider, clock, Break, Ct);
        clock.Clock.Advance(Break - TimeSpan.FromMilliseconds(100));
        answer.IsCompleted.ShouldBeFalse();
        server.ChatRequests.ShouldBe(2);
        clock.Clock.Advance(TimeSpan.FromMilliseconds(100));

        (await answer.WaitAsync(Bound, Ct)).ShouldBe("hello world");
        server.ChatRequests.ShouldBe(3);
    }

    [Fact]
    public async Task SendMessage_ConcurrentRequestsDuringTheTrialCall_WaitForItsOutcomeAndAreAllAnswered()
    {
        var clock = new TimerWatch(new FakeTimeProvider());
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock);
        await OpenCircuitAsync(provider, server);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.ThenAnswerAfter(release.Task);
        var probe = await StartParkedAsync(provider, clock, Break, Ct);
        clock.Clock.Advance(Break);
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();

        // While the trial call runs, each other request waits for its outcome, or at most until Polly would admit the next trial call.
        var othersParked = clock.TimerCreated(due => due == Break, count: 5);
        var others = Enumerable.Range(0, 5).Select(_ => ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct))).ToArray();
        await othersParked.WaitAsync(Bound, Ct);
        others.ShouldAllBe(other => !other.IsCompleted);
        server.ChatRequests.ShouldBe(3);
        release.SetResult();

        (await probe.WaitAsync(Bound, Ct)).ShouldBe("hello world");
        (await Task.WhenAll(others).WaitAsync(Bound, Ct)).ShouldAllBe(text => text == "hello world");
        server.ChatRequests.ShouldBe(8);
    }

    [Fact]
    public async Task SendMessage_TrialCallFails_ItsRequestGetsTheServerErrorAndALaterRequestWaitsForTheNextTrial()
    {
        var clock = new TimerWatch(new FakeTimeProvider());
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock, maxWaitMs: 8_000);
        await OpenCircuitAsync(provider, server);
        server.ThenBody(500, "application/json", """{"error":{"message":"still sick","type":"server_error"}}""");
        var probe = await StartParkedAsync(provider, clock, Break, Ct);
        clock.Clock.Advance(Break);
        var probeError = await Should.ThrowAsync<OpenCodeException>(probe.WaitAsync(Bound, Ct));

        // A request that arrives now would have to wait a whole new break (5 s) but may wait only 8 s in all: it waits, and after the
        // break it makes the next trial call itself.
        var waiter = await StartParkedAsync(provider, clock, Break, Ct);
        clock.Clock.Advance(Break);
        (await waiter.WaitAsync(Bound, Ct)).ShouldBe("hello world");

        probeError.Code.ShouldBe(OpenCodeErrorCodes.ServerError);
        server.ChatRequests.ShouldBe(4);
    }

    [Fact]
    public async Task SendMessage_BreakOutlastsTheWait_FailsAtOnceWithCircuitOpenAndRetryAfter()
    {
        var clock = new TimerWatch(new FakeTimeProvider());
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock, maxWaitMs: 10_000, breakMs: 60_000);
        await OpenCircuitAsync(provider, server);

        var ex = await Should.ThrowAsync<OpenCodeException>(ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)).WaitAsync(Bound, Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CircuitOpen);
        ex.RetryAfter.ShouldNotBeNull().ShouldBe(TimeSpan.FromSeconds(60));
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_WaitingRequestIsCancelled_EndsWithCancellationAndSendsNothing()
    {
        var clock = new TimerWatch(new FakeTimeProvider());
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock);
        await OpenCircuitAsync(provider, server);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var answer = await StartParkedAsync(provider, clock, Break, cancellation.Token);
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(answer.WaitAsync(Bound, Ct));
        server.ChatRequests.ShouldBe(2);
    }
}
