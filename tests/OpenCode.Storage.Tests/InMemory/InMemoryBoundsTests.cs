using OpenCode.Storage.InMemory;

namespace OpenCode.Storage.Tests.InMemory;

/// <summary>The in-memory stores stay bounded whatever the traffic, and keep their answers right while they do.</summary>
public sealed class InMemoryBoundsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordAsync_ManyRecordsOverHours_KeepsRecentOnesAndOneTotalPerHour()
    {
        var ledger = new InMemoryUsageStore(new InMemoryStoreOptions { UsageRecentRecords = 10 });
        for (var i = 0; i < 3_000; i++)
        {
            // Six seconds apart: 3,000 records span five hours, two models.
            await ledger.RecordAsync(Record(T0.AddSeconds(6 * i), i % 2 == 0 ? "a" : "b", prompt: 1, completion: 2, cost: 0.5m, failed: i % 10 == 0), Ct);
        }

        ledger.Count.ShouldBe((10, 10)); // five hours x two models; the last ten records one by one
        (await ledger.GetTotalsAsync(new UsageQuery(T0, T0.AddHours(5)), Ct)).ShouldBe(new UsageTotals(3_000, 300, 3_000, 6_000, 1_500m));
        (await ledger.GetTotalsAsync(new UsageQuery(T0.AddHours(1), T0.AddHours(2), Model: "a"), Ct)).ShouldBe(new UsageTotals(300, 60, 300, 600, 150m)); // every fifth "a" record failed
        (await ledger.GetTotalsByModelAsync(new UsageQuery(T0, T0.AddDays(1)), Ct)).Select(b => b.Totals.Requests).ShouldBe([1_500L, 1_500L]);
    }

    [Fact]
    public async Task RecordAsync_HoursPastRetention_AreDropped()
    {
        var ledger = new InMemoryUsageStore(new InMemoryStoreOptions { UsageRecentRecords = 1, UsageRetention = TimeSpan.FromHours(2) });
        for (var hour = 0; hour < 48; hour++)
        {
            await ledger.RecordAsync(Record(T0.AddHours(hour), "m", 1, 0), Ct);
        }

        ledger.Count.Hours.ShouldBeLessThanOrEqualTo(3);
        (await ledger.GetTotalsAsync(new UsageQuery(T0, T0.AddHours(40)), Ct)).Requests.ShouldBe(0);
        (await ledger.GetTotalsAsync(new UsageQuery(T0.AddHours(46), T0.AddHours(48)), Ct)).Requests.ShouldBe(2);
    }

    [Fact]
    public void CreateInMemory_InvalidOptions_ThrowsNamingTheSetting()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => OpenCodeStores.CreateInMemory(options: new InMemoryStoreOptions { UsageRecentRecords = 0 }))
            .ParamName.ShouldBe(nameof(InMemoryStoreOptions.UsageRecentRecords));
    }

    [Fact]
    public async Task SetAsync_CacheFull_EvictsTheEntryThatExpiresSoonest()
    {
        var cache = OpenCodeStores.CreateInMemory(options: new InMemoryStoreOptions { CacheMaxEntries = 2 }).Cache;
        await cache.SetAsync("late", "1", T0.AddHours(2), Ct);
        await cache.SetAsync("soon", "2", T0.AddHours(1), Ct);
        await cache.SetAsync("new", "3", T0.AddHours(3), Ct);

        (await cache.GetAsync("soon", T0, Ct)).ShouldBeNull();
        (await cache.GetAsync("late", T0, Ct)).ShouldBe("1");
        (await cache.GetAsync("new", T0, Ct)).ShouldBe("3");
    }

    [Fact]
    public async Task TryAcquireAsync_KeysNoLongerUsed_AreSweptAway()
    {
        var store = new InMemoryRateLimitStore();
        for (var model = 0; model < 100; model++)
        {
            (await store.TryAcquireAsync($"requests:m{model}", 1, 10, TimeSpan.FromMinutes(1), T0, Ct)).Acquired.ShouldBeTrue();
        }

        (await store.TryAcquireAsync("requests:still-used", 1, 10, TimeSpan.FromMinutes(1), T0.AddHours(1), Ct)).Acquired.ShouldBeTrue();

        store.KeyCount.ShouldBe(1);
    }

    private static UsageRecord Record(DateTimeOffset at, string model, long prompt, long completion, decimal? cost = null, bool failed = false) =>
        new(Guid.NewGuid(), at, "e", model, null, prompt, completion, cost, failed ? "SERVER_ERROR" : null);
}
