using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Limits;

namespace OpenCode.Storage.Tests.Limits;

public sealed class SharedWindowRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly IRateLimitStore _store = OpenCodeStores.CreateInMemory(shareRateLimits: true).RateLimits!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireAsync_TwoLimitersOnOneStore_ShareTheLimit()
    {
        using var first = Create(limit: 3);
        using var second = Create(limit: 3);

        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 3; i++)
        {
            leases.Add(await first.AcquireAsync(1, Ct));
            leases.Add(await second.AcquireAsync(1, Ct));
        }

        leases.Select(l => l.IsAcquired).ShouldBe([true, true, true, false, false, false]);
    }

    [Fact]
    public async Task AcquireAsync_WindowUsedUp_FailsWithRetryAfterUntilReset()
    {
        using var limiter = Create(limit: 1);
        _time.Advance(TimeSpan.FromSeconds(15));
        (await limiter.AcquireAsync(1, Ct)).IsAcquired.ShouldBeTrue();

        using var refused = await limiter.AcquireAsync(1, Ct);

        refused.IsAcquired.ShouldBeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(45));
        refused.TryGetMetadata(SharedWindowRateLimiter.ResetsAtMetadata, out var resetsAt).ShouldBeTrue();
        resetsAt.ShouldBe(_time.GetUtcNow().AddSeconds(45));
    }

    [Fact]
    public async Task AcquireAsync_AfterTheWindowResets_GrantsAgain()
    {
        using var limiter = Create(limit: 1);
        (await limiter.AcquireAsync(1, Ct)).IsAcquired.ShouldBeTrue();

        _time.Advance(TimeSpan.FromMinutes(1));

        (await limiter.AcquireAsync(1, Ct)).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_WithMaxWait_WaitsForTheNextWindow()
    {
        using var limiter = Create(limit: 1, maxWait: TimeSpan.FromMinutes(1));
        (await limiter.AcquireAsync(1, Ct)).IsAcquired.ShouldBeTrue();

        var waiting = limiter.AcquireAsync(1, Ct).AsTask();
        _time.Advance(TimeSpan.FromSeconds(59));
        waiting.IsCompleted.ShouldBeFalse();
        limiter.GetStatistics()!.CurrentQueuedCount.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(1));

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct)).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_MorePermitsThanTheLimit_FailsWithoutRetryAfter()
    {
        using var limiter = Create(limit: 5, maxWait: TimeSpan.FromMinutes(5));

        using var lease = await limiter.AcquireAsync(6, Ct);

        lease.IsAcquired.ShouldBeFalse();
        lease.TryGetMetadata(MetadataName.RetryAfter, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task GetStatistics_CountsLeasesAndWhatTheWindowHasLeft()
    {
        using var limiter = Create(limit: 2);
        await limiter.AcquireAsync(1, Ct);
        await limiter.AcquireAsync(1, Ct);
        await limiter.AcquireAsync(1, Ct);

        var statistics = limiter.GetStatistics()!;

        (statistics.TotalSuccessfulLeases, statistics.TotalFailedLeases, statistics.CurrentAvailablePermits).ShouldBe((2L, 1L, 0L));
    }

    [Fact]
    public void AttemptAcquire_CannotAskTheStoreSynchronously_Fails()
    {
        using var limiter = Create(limit: 5);

        using var lease = limiter.AttemptAcquire(1);

        lease.IsAcquired.ShouldBeFalse();
        lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason).ShouldBeTrue();
        reason.ShouldNotBeNull().ShouldContain("AcquireAsync");
    }

    [Fact]
    public async Task CreateChained_AfterAnInProcessLimiter_BothApply()
    {
        using var shared = Create(limit: 2);
        using var local = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 10, QueueLimit = 0 });
        using var chained = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<string, int>(_ => RateLimitPartition.Get(0, _ => local)),
            PartitionedRateLimiter.Create<string, int>(_ => RateLimitPartition.Get(0, _ => (RateLimiter)shared)));

        var granted = 0;
        for (var i = 0; i < 4; i++)
        {
            using var lease = await chained.AcquireAsync("request", 1, Ct);
            granted += lease.IsAcquired ? 1 : 0;
        }

        granted.ShouldBe(2);
    }

    private SharedWindowRateLimiter Create(long limit, TimeSpan? maxWait = null) =>
        new(_store, new SharedWindowRateLimiterOptions { Key = "rpm", PermitLimit = limit, Window = TimeSpan.FromMinutes(1), MaxWait = maxWait ?? TimeSpan.Zero }, _time);
}
