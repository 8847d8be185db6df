using Microsoft.Extensions.DependencyInjection;
using OpenCode.Storage.Sqlite;

namespace OpenCode.Storage.Tests.Contracts;

public sealed class SqliteStoreTests : SqlStoreContractTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("opencode-sqlite-");

    private string DatabasePath => Path.Combine(_directory.FullName, "nested", "usage.db");

    protected override Task<OpenCodeStores> CreateStoresAsync() => Task.FromResult(SqliteOpenCodeStores.Open(DatabasePath, shareRateLimits: true));

    public override async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Open_NewFile_IsOwnerOnlyAndInWalModeOnceUsed()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes.");
            return;
        }

        await Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddDays(1)), Ct);

        File.GetUnixFileMode(DatabasePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Exists(DatabasePath + "-wal").ShouldBeTrue();
    }

    [Fact]
    public async Task Open_NotUsedYet_MakesNoSchemaUntilTheFirstStoreCall()
    {
        var path = Path.Combine(_directory.FullName, "lazy", "usage.db");

        var stores = SqliteOpenCodeStores.Open(path);

        new FileInfo(path).Length.ShouldBe(0);
        File.Exists(path + "-wal").ShouldBeFalse();
        (await stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddDays(1)), Ct)).ShouldBe(new UsageTotals(0, 0, 0, 0, 0m));
        File.Exists(path + "-wal").ShouldBeTrue();
    }

    [Fact]
    public async Task Open_Reopened_KeepsTheLedger()
    {
        await Stores.Usage.RecordAsync(new UsageRecord(Guid.NewGuid(), T0, "e", "m", null, 5, 6, 1.5m), Ct);

        var reopened = SqliteOpenCodeStores.Open(DatabasePath);

        (await reopened.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddDays(1)), Ct)).ShouldBe(new UsageTotals(1, 0, 5, 6, 1.5m));
        reopened.RateLimits.ShouldBeNull();
    }

    [Fact]
    public void DefaultPath_WithXdgDataHome_IsUnderIt()
    {
        var previous = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", "/srv/data");
            SqliteOpenCodeStores.DefaultPath().ShouldBe(Path.Combine("/srv/data", "opencode", "usage.db"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", previous);
        }
    }

    [Fact]
    public async Task UseSqliteStores_ReplacesTheInMemoryDefault()
    {
        var services = new ServiceCollection();
        services.AddOpenCode(o => o.ApiEndpoint = "http://127.0.0.1:1").UseSqliteStores(DatabasePath);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<OpenCodeStores>().Usage.RecordAsync(new UsageRecord(Guid.NewGuid(), T0, "di", "m", null, 7, 0, null), Ct);

        (await Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddDays(1), Endpoint: "di"), Ct)).PromptTokens.ShouldBe(7);
        services.Count(d => d.ServiceType == typeof(OpenCodeStores)).ShouldBe(1);
    }
}
