namespace OpenCode.Storage.Tests.Contracts;

public sealed class InMemoryStoreTests : StoreContractTests
{
    protected override Task<OpenCodeStores> CreateStoresAsync() => Task.FromResult(OpenCodeStores.CreateInMemory(shareRateLimits: true));

    [Fact]
    public void CreateInMemory_ByDefault_LeavesRateLimitsPerProcess()
    {
        OpenCodeStores.CreateInMemory().RateLimits.ShouldBeNull();
    }
}
