using Microsoft.Extensions.DependencyInjection;
using OpenCode.Storage.Postgres;

namespace OpenCode.Storage.Tests.Contracts;

public sealed class PostgresStoreTests : SqlStoreContractTests
{
    private PostgresStoresHandle? _handle;
    private string _connectionString = string.Empty;

    protected override async Task<OpenCodeStores> CreateStoresAsync()
    {
        _connectionString = await PostgresServer.CreateIsolatedAsync();
        _handle = await PostgresOpenCodeStores.OpenAsync(_connectionString, Ct);
        return _handle.Stores;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task OpenAsync_SecondTimeOnSameDatabase_KeepsRowsAndSucceeds()
    {
        await Stores.Usage.RecordAsync(new UsageRecord(Guid.NewGuid(), T0, "e", "m", null, 5, 6, 1.5m), Ct);

        await using var again = await PostgresOpenCodeStores.OpenAsync(_connectionString, Ct);

        (await again.Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddDays(1)), Ct)).ShouldBe(new UsageTotals(1, 0, 5, 6, 1.5m));
    }

    [Fact]
    public async Task OpenAsync_ManyAtOnceOnAnEmptyDatabase_AllCreateTheSchemaWithoutRacing()
    {
        var fresh = await PostgresServer.CreateIsolatedAsync();

        var handles = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostgresOpenCodeStores.OpenAsync(fresh, Ct)));
        try
        {
            (await handles[^1].Stores.Health.GetAllAsync(Ct)).ShouldBeEmpty();
        }
        finally
        {
            foreach (var handle in handles)
            {
                await handle.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task UsePostgresStores_ReplacesTheInMemoryDefault()
    {
        var services = new ServiceCollection();
        services.AddOpenCode(o => o.ApiEndpoint = "http://127.0.0.1:1").UsePostgresStores(_connectionString);
        await using var provider = services.BuildServiceProvider();

        var stores = provider.GetRequiredService<OpenCodeStores>();
        await stores.Usage.RecordAsync(new UsageRecord(Guid.NewGuid(), T0, "di", "m", null, 7, 0, null), Ct);

        (await Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddDays(1), Endpoint: "di"), Ct)).PromptTokens.ShouldBe(7);
        stores.RateLimits.ShouldNotBeNull();
        services.Count(d => d.ServiceType == typeof(OpenCodeStores)).ShouldBe(1);
    }

    [Fact]
    public async Task UsePostgresStores_ContainerDisposedSynchronously_DoesNotThrow()
    {
        var services = new ServiceCollection();
        services.AddOpenCode(o => o.ApiEndpoint = "http://127.0.0.1:1").UsePostgresStores(_connectionString);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<OpenCodeStores>().Health.GetAllAsync(Ct);

        Should.NotThrow(provider.Dispose);
    }
}
