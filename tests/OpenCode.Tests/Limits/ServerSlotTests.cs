using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;
using OpenCode.Tests.Resilience;

namespace OpenCode.Tests.Limits;

/// <summary>
/// With no concurrency limit configured, requests above the slot count the server reports (<c>/props</c> <c>total_slots</c>; the scripted
/// server reports 1) wait in the client, in order, unless <c>rateLimits.matchServerSlots</c> is off.
/// </summary>
public sealed class ServerSlotTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Chat => new() { Messages = [Message.User("hi")], MaxTokens = 8 };

    private static OpenCodeProvider Create(ScriptedServer server, Action<RateLimitOptions>? configure = null)
    {
        var options = new OpenCodeOptions { ApiEndpoint = server.Url };
        configure?.Invoke(options.RateLimits);
        return new OpenCodeProvider(options);
    }

    /// <summary>Sends a request the server holds until <paramref name="release"/> completes, and waits until it has arrived.</summary>
    private static async Task<Task<string>> StartHeldAsync(ScriptedServer server, OpenCodeProvider provider, Task release)
    {
        server.ThenAnswerAfter(release);
        var request = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct));
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
        return request;
    }

    /// <summary>
    /// Starts a request that should wait for a slot and checks that it does: once the provider is connected, the pipeline runs
    /// synchronously up to the slot gate, so by the time the request's first step returns it is either queued there or (wrongly) sent.
    /// </summary>
    private static Task<string> StartQueued(OpenCodeProvider provider, CancellationToken cancellationToken)
    {
        var request = ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, cancellationToken));
        provider.GetService<ServerSlotStage>().ShouldNotBeNull().Waiting.ShouldBe(1);
        request.IsCompleted.ShouldBeFalse();
        return request;
    }

    [Fact]
    public async Task SendMessage_ServerReportsOneSlot_SecondRequestWaitsInTheClientUntilTheFirstIsAnswered()
    {
        await using var server = await ScriptedServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = Create(server);
        var first = await StartHeldAsync(server, provider, release.Task);

        var second = StartQueued(provider, Ct);
        server.ChatRequests.ShouldBe(1);
        release.SetResult();

        (await first.WaitAsync(Bound, Ct)).ShouldBe("hello world");
        (await second.WaitAsync(Bound, Ct)).ShouldBe("hello world");
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_MatchServerSlotsOff_BothRequestsReachTheServerAtOnce()
    {
        await using var server = await ScriptedServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.ThenAnswerAfter(release.Task).ThenAnswerAfter(release.Task);
        await using var provider = Create(server, limits => limits.MatchServerSlots = false);

        var requests = new[] { ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)), ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)) };
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
        server.ChatRequests.ShouldBe(2);
        release.SetResult();

        (await Task.WhenAll(requests).WaitAsync(Bound, Ct)).ShouldAllBe(text => text == "hello world");
    }

    [Fact]
    public async Task SendMessage_ConcurrentRequestsConfigured_ThatLimitAppliesNotTheServerSlots()
    {
        await using var server = await ScriptedServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.ThenAnswerAfter(release.Task).ThenAnswerAfter(release.Task);
        await using var provider = Create(server, limits => limits.ConcurrentRequests = 2);

        var requests = new[] { ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)), ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)) };
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
        (await server.ChatArrived.WaitAsync(Bound, Ct)).ShouldBeTrue();
        release.SetResult();

        (await Task.WhenAll(requests).WaitAsync(Bound, Ct)).ShouldAllBe(text => text == "hello world");
        server.ChatRequests.ShouldBe(2);
    }

    [Fact]
    public async Task SendMessage_WaitingRequestIsCancelled_EndsWithCancellationAndNeverReachesTheServer()
    {
        await using var server = await ScriptedServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = Create(server);
        var first = await StartHeldAsync(server, provider, release.Task);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = StartQueued(provider, cancellation.Token);
        server.ChatRequests.ShouldBe(1);

        await cancellation.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(waiting.WaitAsync(Bound, Ct));
        release.SetResult();

        (await first.WaitAsync(Bound, Ct)).ShouldBe("hello world");
        (await ProviderResilienceTests.CollectTextAsync(provider.SendMessageAsync(Chat, Ct)).WaitAsync(Bound, Ct)).ShouldBe("hello world");
        server.ChatRequests.ShouldBe(2);
    }
}
