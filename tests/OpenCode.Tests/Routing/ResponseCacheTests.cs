using Microsoft.Extensions.Time.Testing;
using static OpenCode.Tests.Routing.RouterHarness;

namespace OpenCode.Tests.Routing;

public sealed class ResponseCacheTests
{
    [Fact]
    public async Task SendMessageAsync_SameRequestAtTemperatureZero_SecondIsServedFromCache()
    {
        var a = new FakeInstance("a");
        var store = new FakeResponseCacheStore();
        await using var router = Create([a], cache: store);

        var first = await router.CollectAsync(Ask(temperature: 0));
        var second = await router.CollectAsync(Ask(temperature: 0));

        a.Sent.ShouldBe(1);
        string.Concat(second.Select(c => c.Content)).ShouldBe(string.Concat(first.Select(c => c.Content)));
        second[^1].Metadata.Route!.ShouldSatisfyAllConditions(r => r.FromCache.ShouldBeTrue(), r => r.Offline.ShouldBeFalse(), r => r.Instance.ShouldBeNull());
        second[^1].Metadata.Usage.ShouldBe(new TokenUsage(3, 1, UsageSource.Reported));
        second[^1].FinishReason.ShouldBe(FinishReason.Stop);
        router.GetStatistics().CacheHits.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessageAsync_AfterTtl_AsksTheServerAgain()
    {
        var time = new FakeTimeProvider();
        var a = new FakeInstance("a");
        await using var router = Create([a], time, o => o.Routing.Cache.Ttl = 60, cache: new FakeResponseCacheStore());

        await router.CollectAsync(Ask(temperature: 0));
        time.Advance(TimeSpan.FromSeconds(59));
        await router.CollectAsync(Ask(temperature: 0));
        a.Sent.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(1));
        await router.CollectAsync(Ask(temperature: 0));
        a.Sent.ShouldBe(2);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.7f)]
    public async Task SendMessageAsync_NotDeterministic_IsNeverCached(float? temperature)
    {
        var a = new FakeInstance("a");
        var store = new FakeResponseCacheStore();
        await using var router = Create([a], cache: store);

        await router.CollectAsync(Ask(temperature: temperature));
        await router.CollectAsync(Ask(temperature: temperature));

        a.Sent.ShouldBe(2);
        store.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendMessageAsync_DifferentSampling_HasDifferentKey()
    {
        var a = new FakeInstance("a");
        await using var router = Create([a], cache: new FakeResponseCacheStore());

        await router.CollectAsync(Ask(temperature: 0));
        await router.CollectAsync(new MessageRequest { Messages = [Message.User("hi")], Model = "m", Temperature = 0, MaxTokens = 5 });
        await router.CollectAsync(new MessageRequest { Messages = [Message.User("hi")], Model = "m", Temperature = 0, Seed = 4 });

        a.Sent.ShouldBe(3);
    }

    [Fact]
    public async Task SendMessageAsync_AllDownWithOfflineFallback_ReturnsCachedAnswerMarkedOffline()
    {
        var a = new FakeInstance("a");
        await using var router = Create([a], configure: o => o.Routing.Cache.OfflineFallback = true, cache: new FakeResponseCacheStore());
        await router.CollectAsync(Ask(temperature: 0.8f));

        a.FailBeforeFirstChunk = FakeInstance.ConnectionFailed();
        var chunks = await router.CollectAsync(Ask(temperature: 0.8f));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("a");
        chunks[^1].Metadata.Route!.ShouldSatisfyAllConditions(r => r.FromCache.ShouldBeTrue(), r => r.Offline.ShouldBeTrue());
        a.Sent.ShouldBe(2, "online, a temperature above 0 is not served from the cache");
    }

    [Fact]
    public async Task SendMessageAsync_AllDownWithoutCachedAnswer_ThrowsEvenWithOfflineFallback()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = FakeInstance.ConnectionFailed() };
        await using var router = Create([a], configure: o => o.Routing.Cache.OfflineFallback = true, cache: new FakeResponseCacheStore());

        await Should.ThrowAsync<OpenCodeNoInstanceAvailableException>(() => router.CollectAsync(Ask(temperature: 0)));
    }
}
