using Microsoft.Extensions.Time.Testing;
using OpenCode.Configuration;
using OpenCode.Limits;

namespace OpenCode.Tests.Limits;

public sealed class OpenCodeRateLimiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenCodeRateLimiter Create(FakeTimeProvider clock, Action<RateLimitOptions>? configure = null)
    {
        var options = new RateLimitOptions { RequestsPerMinute = 1000, TokensPerMinute = 1_000_000, ConcurrentRequests = 2, MaxQueueSize = 10, QueueTimeout = 30000 };
        configure?.Invoke(options);
        return new OpenCodeRateLimiter(options, clock);
    }

    [Fact]
    public async Task AcquireAsync_DefaultOptions_LimitsNothingYetCountsWhatIsInFlight()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new OpenCodeRateLimiter(new RateLimitOptions { QueueTimeout = 0 }, clock);
        var grants = new List<RateLimitGrant>();

        // Far past the specification's 60 requests, 60000 tokens per minute and 5 in flight, all at once with no wait allowed.
        for (var i = 0; i < 500; i++)
        {
            grants.Add(await limiter.AcquireAsync("m", 4000, Ct));
        }

        limiter.GetSnapshot().InFlight.ShouldBe(500);
        limiter.GetSnapshot().Queued.ShouldBe(0);
        grants.ForEach(g => g.Dispose());
        limiter.GetSnapshot().InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_AllSlotsBusy_QueuesUntilOneIsReleased()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock);
        var first = await limiter.AcquireAsync("m", 10, Ct);
        using var second = await limiter.AcquireAsync("m", 10, Ct);

        var third = limiter.AcquireAsync("m", 10, Ct).AsTask();
        limiter.GetSnapshot().Queued.ShouldBe(1);
        third.IsCompleted.ShouldBeFalse();

        first.Dispose();
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        granted.Model.ShouldBe("m");
        limiter.GetSnapshot().ShouldBe(new RateLimiterSnapshot(2, 0, 0, null));
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_RejectsAtOnceWithQueueFull()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => { o.ConcurrentRequests = 1; o.MaxQueueSize = 10; });
        using var holder = await limiter.AcquireAsync("m", 10, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = Enumerable.Range(0, 10).Select(_ => limiter.AcquireAsync("m", 10, cancel.Token).AsTask()).ToList();

        var ex = await Should.ThrowAsync<OpenCodeException>(limiter.AcquireAsync("m", 10, Ct).AsTask());

        ex.Code.ShouldBe(OpenCodeErrorCodes.QueueFull);
        ex.Message.ShouldContain("rateLimits.maxQueueSize");
        await cancel.CancelAsync();
        foreach (var task in waiting)
        {
            await Should.ThrowAsync<OperationCanceledException>(task);
        }

        limiter.GetSnapshot().ShouldBe(new RateLimiterSnapshot(1, 0, 0, null));
    }

    [Fact]
    public async Task AcquireAsync_RequestsPerMinuteSpent_WaitsForThePermitToComeBack()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => { o.RequestsPerMinute = 2; o.ConcurrentRequests = 5; o.QueueTimeout = 120000; });
        (await limiter.AcquireAsync("m", 1, Ct)).Dispose();
        (await limiter.AcquireAsync("m", 1, Ct)).Dispose();

        var third = limiter.AcquireAsync("m", 1, Ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(29));
        third.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1.5));

        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        granted.Waited.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Settle_UsedLessThanReserved_ReturnsTheRestToTheBudget()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => o.TokensPerMinute = 1000);
        using (var grant = await limiter.AcquireAsync("m", 900, Ct))
        {
            grant.Settle(100);
        }

        // 900 reserved, 100 used: 900 tokens are free again, so another 800-token request needs no wait.
        var next = limiter.AcquireAsync("m", 800, Ct).AsTask();
        next.IsCompletedSuccessfully.ShouldBeTrue();
        (await next).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_TokensSpent_WaitsUntilTheBucketRefills()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => { o.TokensPerMinute = 1000; o.QueueTimeout = 120000; });
        using (var grant = await limiter.AcquireAsync("m", 1000, Ct))
        {
            grant.Settle(1000);
        }

        var next = limiter.AcquireAsync("m", 500, Ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(25));
        next.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(6));
        (await next.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_LimitsSpentAndFallbackConfigured_GrantsTheFallbackModel()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => { o.RequestsPerMinute = 1; o.QueueTimeout = 0; o.FallbackModel = "small"; });
        (await limiter.AcquireAsync("large", 1, Ct)).Dispose();

        using var grant = await limiter.AcquireAsync("large", 1, Ct);

        grant.Model.ShouldBe("small");
        grant.IsFallback.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_LimitsSpentAfterQueueTimeout_ThrowsRateLimitedWithRetryAfter()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => { o.RequestsPerMinute = 1; o.QueueTimeout = 1000; });
        (await limiter.AcquireAsync("m", 1, Ct)).Dispose();

        var waiting = limiter.AcquireAsync("m", 1, Ct).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(1001));
        var ex = await Should.ThrowAsync<OpenCodeRateLimitException>(waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.RateLimited);
        ex.RetryAfter.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
        ex.Message.ShouldContain("rateLimits.queueTimeout");
        limiter.GetSnapshot().InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task SlowDown_ServerRetryAfter_PausesNewRequestsUntilItPasses()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock);
        limiter.SlowDown(TimeSpan.FromSeconds(5));
        limiter.GetSnapshot().PausedUntil.ShouldBe(clock.GetUtcNow() + TimeSpan.FromSeconds(5));

        var waiting = limiter.AcquireAsync("m", 1, Ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        waiting.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1.1));

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task SlowDown_LongerThanQueueTimeout_FailsWithTheServersRetryAfter()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => o.QueueTimeout = 0);
        limiter.SlowDown(TimeSpan.FromSeconds(30));

        var ex = await Should.ThrowAsync<OpenCodeRateLimitException>(limiter.AcquireAsync("m", 1, Ct).AsTask());

        ex.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        limiter.GetSnapshot().InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_CallerCancelsWhileQueued_ThrowsCanceledAndLeaksNothing()
    {
        var clock = new FakeTimeProvider();
        using var limiter = Create(clock, o => o.ConcurrentRequests = 1);
        var holder = await limiter.AcquireAsync("m", 1, Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync("m", 1, cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(waiting);
        holder.Dispose();
        holder.Dispose();

        limiter.GetSnapshot().ShouldBe(new RateLimiterSnapshot(0, 0, 1, null));
    }
}
