using Microsoft.Extensions.Time.Testing;
using OpenCode.Routing;
using OpenCode.Storage;
using static OpenCode.Tests.Routing.RouterHarness;

namespace OpenCode.Tests.Routing;

public sealed class HealthTests
{
    [Fact]
    public async Task Router_ConsecutiveFailures_TakeInstanceOutUntilCooldownAndProbeBringItBack()
    {
        var time = new FakeTimeProvider();
        var a = new FakeInstance("a") { FailBeforeFirstChunk = FakeInstance.ConnectionFailed() };
        var b = new FakeInstance("b");
        await using var router = Create([a, b], time, o => o.Routing.LoadBalancing = "roundRobin");

        for (var i = 0; i < 6; i++)
        {
            await router.CollectAsync(Ask());
        }

        a.Sent.ShouldBe(3, "three consecutive failures (the default) take it out");
        State(router, "a").ShouldBe(InstanceHealthState.Unhealthy);

        a.FailBeforeFirstChunk = null;
        a.ProbeHealthy = true;
        time.Advance(TimeSpan.FromSeconds(29));
        await router.RunHealthRoundAsync(TestContext.Current.CancellationToken);
        State(router, "a").ShouldBe(InstanceHealthState.Unhealthy, "still cooling down, so not probed");

        time.Advance(TimeSpan.FromSeconds(1));
        await router.RunHealthRoundAsync(TestContext.Current.CancellationToken);
        State(router, "a").ShouldBe(InstanceHealthState.Healthy);
        (await router.CollectAsync(Ask())).Count.ShouldBe(2);
        (await router.CollectAsync(Ask())).Count.ShouldBe(2);
        a.Sent.ShouldBe(4);
    }

    [Fact]
    public async Task Router_ProbeFailsAfterCooldown_StaysOutForAnotherCooldown()
    {
        var time = new FakeTimeProvider();
        var a = new FakeInstance("a") { FailDiscovery = FakeInstance.ConnectionFailed() };
        await using var router = Create([a, new FakeInstance("b")], time);
        await router.InitializeAsync(TestContext.Current.CancellationToken);
        State(router, "a").ShouldBe(InstanceHealthState.Unhealthy);

        time.Advance(TimeSpan.FromSeconds(30));
        await router.RunHealthRoundAsync(TestContext.Current.CancellationToken);

        var stats = router.GetStatistics().Instances[0];
        stats.State.ShouldBe(InstanceHealthState.Unhealthy);
        stats.CooldownUntil.ShouldBe(time.GetUtcNow().AddSeconds(30));
        stats.LastError!.ShouldContain(OpenCodeErrorCodes.ConnectionFailed);
    }

    [Fact]
    public async Task Router_TimerFires_ProbesOnTheConfiguredInterval()
    {
        var time = new FakeTimeProvider();
        var a = new FakeInstance("a");
        await using var router = Create([a], time, o => o.Routing.Health.ProbeInterval = 5);
        await router.InitializeAsync(TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromSeconds(4));
        a.Probes.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(11));
        a.Probes.ShouldBe(3);
    }

    [Fact]
    public async Task Router_FailureRateOverWindow_TakesInstanceOut()
    {
        var a = new FakeInstance("a");
        await using var router = Create([a], configure: o =>
        {
            o.Routing.Health.FailureWindow = 4;
            o.Routing.Health.FailureRate = 0.5;
        });

        foreach (var fail in new[] { false, true, false, true })
        {
            a.FailBeforeFirstChunk = fail ? FakeInstance.ConnectionFailed() : null;
            try
            {
                await router.CollectAsync(Ask());
            }
            catch (OpenCodeNoInstanceAvailableException)
            {
                // expected for the failing ones
            }
        }

        State(router, "a").ShouldBe(InstanceHealthState.Unhealthy);
    }

    [Fact]
    public async Task Router_RateLimitedAnswers_FailOverWithoutMarkingTheInstanceSick()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = new OpenCodeRateLimitException("busy") };
        var b = new FakeInstance("b");
        await using var router = Create([a, b], configure: o => o.Routing.LoadBalancing = "roundRobin");

        for (var i = 0; i < 8; i++)
        {
            (await router.CollectAsync(Ask()))[^1].Metadata.Route!.Instance.ShouldBe("b");
        }

        State(router, "a").ShouldBe(InstanceHealthState.Healthy);
    }

    [Fact]
    public async Task Router_HealthStore_SharesStateBothWays()
    {
        var time = new FakeTimeProvider();
        var store = new FakeInstanceHealthStore();
        var a = new FakeInstance("a") { FailDiscovery = FakeInstance.ConnectionFailed() };
        await using var router = Create([a, new FakeInstance("b")], time, health: store);
        await router.InitializeAsync(TestContext.Current.CancellationToken);

        store.Records["a"].ShouldSatisfyAllConditions(r => r.Healthy.ShouldBeFalse(), r => r.CooldownUntil.ShouldBe(time.GetUtcNow().AddSeconds(30)));

        // Another app instance saw b fail just now.
        time.Advance(TimeSpan.FromSeconds(1));
        store.Records["b"] = new InstanceHealthRecord("b", false, time.GetUtcNow().AddSeconds(30), "SERVER_ERROR: 500", time.GetUtcNow());
        await router.RunHealthRoundAsync(TestContext.Current.CancellationToken);

        State(router, "b").ShouldBe(InstanceHealthState.Unhealthy);
        await Should.ThrowAsync<OpenCodeNoInstanceAvailableException>(() => router.CollectAsync(Ask()));
    }

    [Fact]
    public async Task Router_HealthStoreFails_KeepsRoutingWithHealthInProcess()
    {
        var a = new FakeInstance("a") { FailDiscovery = FakeInstance.ConnectionFailed() };
        await using var router = Create([a, new FakeInstance("b")], health: new FailingHealthStore());

        await router.InitializeAsync(TestContext.Current.CancellationToken);
        var stats = await router.CheckHealthAsync(TestContext.Current.CancellationToken);

        stats.Instances.Select(i => i.State).ShouldBe([InstanceHealthState.Unhealthy, InstanceHealthState.Healthy]);
        (await router.CollectAsync(Ask()))[^1].Metadata.Route!.Instance.ShouldBe("b");
    }

    private static InstanceHealthState State(OpenCodeRouter router, string name) =>
        router.GetStatistics().Instances.Single(i => i.Name == name).State;
}

/// <summary>A health store that is down.</summary>
internal sealed class FailingHealthStore : IInstanceHealthStore
{
    public ValueTask<IReadOnlyList<InstanceHealthRecord>> GetAllAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromException<IReadOnlyList<InstanceHealthRecord>>(new IOException("store down"));

    public ValueTask SetAsync(InstanceHealthRecord record, CancellationToken cancellationToken = default) =>
        ValueTask.FromException(new IOException("store down"));
}
