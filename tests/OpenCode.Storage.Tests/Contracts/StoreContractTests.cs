namespace OpenCode.Storage.Tests.Contracts;

/// <summary>What every <see cref="OpenCodeStores"/> implementation must do; one subclass per store kind.</summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    protected OpenCodeStores Stores { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Stores = await CreateStoresAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Creates empty stores with shared rate-limit counters.</summary>
    protected abstract Task<OpenCodeStores> CreateStoresAsync();

    [Fact]
    public async Task ResponseCache_Missing_ReturnsNull()
    {
        (await Stores.Cache.GetAsync("absent", T0, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ResponseCache_SetThenGetBeforeExpiry_ReturnsPayload()
    {
        await Stores.Cache.SetAsync("k", "{\"a\":\"ü€\"}", T0.AddMinutes(5), Ct);

        (await Stores.Cache.GetAsync("k", T0.AddMinutes(4), Ct)).ShouldBe("{\"a\":\"ü€\"}");
    }

    [Fact]
    public async Task ResponseCache_AtOrAfterExpiry_ReturnsNull()
    {
        await Stores.Cache.SetAsync("k", "v", T0.AddMinutes(5), Ct);

        (await Stores.Cache.GetAsync("k", T0.AddMinutes(5), Ct)).ShouldBeNull();
        (await Stores.Cache.GetAsync("k", T0.AddMinutes(6), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ResponseCache_SetTwice_ReplacesPayloadAndExpiry()
    {
        await Stores.Cache.SetAsync("k", "old", T0.AddMinutes(1), Ct);
        await Stores.Cache.SetAsync("k", "new", T0.AddMinutes(10), Ct);

        (await Stores.Cache.GetAsync("k", T0.AddMinutes(5), Ct)).ShouldBe("new");
    }

    [Fact]
    public async Task Health_SetThenGetAll_RoundTripsEveryField()
    {
        var sick = new InstanceHealthRecord("b", false, T0.AddSeconds(30), "SERVER_ERROR: 503", T0);
        var well = new InstanceHealthRecord("a", true, null, null, T0.AddMilliseconds(1));
        await Stores.Health.SetAsync(sick, Ct);
        await Stores.Health.SetAsync(well, Ct);

        (await Stores.Health.GetAllAsync(Ct)).ShouldBe([well, sick]);
    }

    [Fact]
    public async Task Health_OlderState_DoesNotReplaceNewer()
    {
        var newer = new InstanceHealthRecord("a", false, T0.AddSeconds(30), "TIMEOUT", T0.AddSeconds(10));
        await Stores.Health.SetAsync(newer, Ct);
        await Stores.Health.SetAsync(newer with { Healthy = true, CooldownUntil = null, UpdatedAt = T0 }, Ct);

        (await Stores.Health.GetAllAsync(Ct)).ShouldBe([newer]);
    }

    [Fact]
    public async Task Health_NewerState_ReplacesOlder()
    {
        await Stores.Health.SetAsync(new InstanceHealthRecord("a", false, T0.AddSeconds(30), "TIMEOUT", T0), Ct);
        var recovered = new InstanceHealthRecord("a", true, null, null, T0.AddSeconds(31));
        await Stores.Health.SetAsync(recovered, Ct);

        (await Stores.Health.GetAllAsync(Ct)).ShouldBe([recovered]);
    }
}
