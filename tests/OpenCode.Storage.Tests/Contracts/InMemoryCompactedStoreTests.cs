namespace OpenCode.Storage.Tests.Contracts;

/// <summary>The contract again with a ledger that keeps one recent record: every other record is already in its hourly total.</summary>
public sealed class InMemoryCompactedStoreTests : StoreContractTests
{
    protected override Task<OpenCodeStores> CreateStoresAsync() =>
        Task.FromResult(OpenCodeStores.CreateInMemory(shareRateLimits: true, new InMemoryStoreOptions { UsageRecentRecords = 1, CacheMaxEntries = 2 }));
}
