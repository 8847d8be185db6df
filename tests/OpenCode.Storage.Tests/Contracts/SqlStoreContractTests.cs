namespace OpenCode.Storage.Tests.Contracts;

/// <summary>What the database stores do beyond the contract: they keep their tables from growing without bound.</summary>
public abstract class SqlStoreContractTests : StoreContractTests
{
    [Fact]
    public async Task ResponseCache_LongExpiredEntries_AreDroppedWhileFreshOnesStay()
    {
        await Stores.Cache.SetAsync("stale", "v", T0, Ct);
        await Stores.Cache.SetAsync("fresh", "v", T0.AddDays(40), Ct);

        // Read as of a time when "stale" would still be valid, had it been kept.
        (await Stores.Cache.GetAsync("stale", T0.AddDays(-1), Ct)).ShouldBeNull();
        (await Stores.Cache.GetAsync("fresh", T0.AddDays(39), Ct)).ShouldBe("v");
    }
}
