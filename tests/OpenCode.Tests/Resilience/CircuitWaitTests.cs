using Microsoft.Extensions.Time.Testing;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Resilience;

/// <summary>
/// Requests that meet an open circuit wait (bounded by <c>circuitBreaker.maxWait</c>) for the break to end and the trial call's outcome,
/// against a scripted flaky server over real HTTP, on a fake clock.
/// </summary>
public sealed class CircuitWaitTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(5);

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
    }

    /// <summary>Gives a request that should be waiting a moment to (wrongly) finish; true when it is still waiting.</summary>
    private static async Task<bool> StillWaitingAsync(Task task)
    {
        await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(150), Ct));
        return !task.IsCompleted;
    }

    [Fact]
    public async Task SendMessage_ServerRecoversDuringTheBreak_RequestWaitsForTheBreakAndIsAnswered()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock);
        await OpenCircuitAsync(provider, server);

        var answer = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct));
        (await StillWaitingAsync(answer)).ShouldBeTrue();
        clock.Advance(Break - TimeSpan.FromMilliseconds(100));
        (await StillWaitingAsync(answer)).ShouldBeTrue();
        server.ChatRequests.ShouldBe(2);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        (await answer.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBe("hello world");
        server.ChatRequests.ShouldBe(3);
    }

    [Fact]
    public async Task SendMessage_ConcurrentRequestsDuringTheTrialCall_WaitForItsOutcomeAndAreAllAnswered()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock);
        await OpenCircuitAsync(provider, server);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.ThenAnswerAfter(release.Task);
        var probe = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct));
        (await StillWaitingAsync(probe)).ShouldBeTrue();
        clock.Advance(Break);
        (await server.ChatArrived.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBeTrue();

        var others = Enumerable.Range(0, 5).Select(_ => ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct))).ToArray();
        (await StillWaitingAsync(Task.WhenAny(others))).ShouldBeTrue();
        server.ChatRequests.ShouldBe(3);
        release.SetResult();

        (await probe.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBe("hello world");
        (await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldAllBe(text => text == "hello world");
        server.ChatRequests.ShouldBe(8);
    }

    [Fact]
    public async Task SendMessage_TrialCallFails_ItsRequestGetsTheServerErrorAndALaterRequestWaitsForTheNextTrial()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock, maxWaitMs: 8_000);
        await OpenCircuitAsync(provider, server);
        server.ThenBody(500, "application/json", """{"error":{"message":"still sick","type":"server_error"}}""");
        var probe = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct));
        (await StillWaitingAsync(probe)).ShouldBeTrue();
        clock.Advance(Break);
        var probeError = await Should.ThrowAsync<OpenCodeException>(probe.WaitAsync(TimeSpan.FromSeconds(30), Ct));

        // A request that arrives now would have to wait a whole new break (5 s) but may wait only 8 s in all: it waits, and after the
        // break it makes the next trial call itself.
        var waiter = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct));
        (await StillWaitingAsync(waiter)).ShouldBeTrue();
        clock.Advance(Break);
        (await waiter.WaitAsync(TimeSpan.FromSeconds(30), Ct)).ShouldBe("hello world");

        probeError.Code.ShouldBe(OpenCodeErrorCodes.ServerError);
        server.ChatRequests.ShouldBe(4);
    }

    [Fact]
    public async Task SendMessage_BreakOutlastsTheWait_FailsAtOnceWithCircuitOpenAndRetryAfter()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock, maxWaitMs: 10_000, breakMs: 60_000);
        await OpenCircuitAsync(provider, server);

        var ex = await Should.ThrowAsync<OpenCodeException>(ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CircuitOpen);
        ex.RetryAfter.ShouldNotBeNull().ShouldBe(TimeSpan.FromSeconds(60));
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_WaitingRequestIsCancelled_EndsWithCancellationAndSendsNothing()
    {
        var clock = new FakeTimeProvider();
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, clock);
        await OpenCircuitAsync(provider, server);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var answer = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, cancellation.Token));
        (await StillWaitingAsync(answer)).ShouldBeTrue();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(answer.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        server.ChatRequests.ShouldBe(2);
    }
}
