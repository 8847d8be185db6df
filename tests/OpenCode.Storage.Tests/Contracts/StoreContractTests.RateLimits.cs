namespace OpenCode.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private IRateLimitStore Limits => Stores.RateLimits.ShouldNotBeNull();

    [Fact]
    public async Task RateLimits_UpToLimit_GrantsThenRefusesWithCount()
    {
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await Limits.TryAcquireAsync("rpm", 1, 3, Minute, T0.AddSeconds(i), Ct));
        }

        decisions.Select(d => (d.Acquired, d.Used)).ShouldBe([(true, 1L), (true, 2L), (true, 3L), (false, 3L)]);
        decisions.ShouldAllBe(d => d.ResetsAt == T0.AddMinutes(1));
    }

    [Fact]
    public async Task RateLimits_NextWindow_StartsFromZero()
    {
        await Limits.TryAcquireAsync("rpm", 3, 3, Minute, T0, Ct);

        var refused = await Limits.TryAcquireAsync("rpm", 1, 3, Minute, T0.AddSeconds(59.999), Ct);
        var next = await Limits.TryAcquireAsync("rpm", 1, 3, Minute, T0.AddMinutes(1), Ct);

        refused.Acquired.ShouldBeFalse();
        next.ShouldBe(new RateLimitDecision(true, 1, T0.AddMinutes(2)));
    }

    [Fact]
    public async Task RateLimits_TakeLargerThanWhatIsLeft_RefusedWithoutTakingAny()
    {
        await Limits.TryAcquireAsync("tpm", 700, 1000, Minute, T0, Ct);

        var tooMany = await Limits.TryAcquireAsync("tpm", 400, 1000, Minute, T0, Ct);
        var fits = await Limits.TryAcquireAsync("tpm", 300, 1000, Minute, T0, Ct);

        tooMany.ShouldBe(new RateLimitDecision(false, 700, T0.AddMinutes(1)));
        fits.ShouldBe(new RateLimitDecision(true, 1000, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task RateLimits_TakeAboveLimitInEmptyWindow_Refused()
    {
        var decision = await Limits.TryAcquireAsync("tpm", 1001, 1000, Minute, T0, Ct);

        decision.ShouldBe(new RateLimitDecision(false, 0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task RateLimits_LateTakeAfterTheNextWindowOpened_CountsInItsOwnFullWindow()
    {
        // Another process read its clock later and opened the next window before this take arrived.
        await Limits.TryAcquireAsync("rpm", 3, 3, Minute, T0.AddSeconds(59), Ct);
        await Limits.TryAcquireAsync("rpm", 1, 3, Minute, T0.AddMinutes(1), Ct);

        var late = await Limits.TryAcquireAsync("rpm", 1, 3, Minute, T0.AddSeconds(59.5), Ct);
        var current = await Limits.TryAcquireAsync("rpm", 1, 3, Minute, T0.AddMinutes(1.5), Ct);

        late.ShouldBe(new RateLimitDecision(false, 3, T0.AddMinutes(1)));
        current.ShouldBe(new RateLimitDecision(true, 2, T0.AddMinutes(2)));
    }

    [Fact]
    public async Task RateLimits_Keys_AreIndependent()
    {
        await Limits.TryAcquireAsync("a", 2, 2, Minute, T0, Ct);

        (await Limits.TryAcquireAsync("b", 2, 2, Minute, T0, Ct)).Acquired.ShouldBeTrue();
    }

    [Fact]
    public async Task RateLimits_ManyConcurrentTakers_GrantExactlyTheLimit()
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await Limits.TryAcquireAsync("burst", 1, 15, Minute, T0, Ct), Ct)));

        decisions.Count(d => d.Acquired).ShouldBe(15);
        decisions.Where(d => d.Acquired).Select(d => d.Used).Order().ShouldBe(Enumerable.Range(1, 15).Select(i => (long)i));
    }
}
