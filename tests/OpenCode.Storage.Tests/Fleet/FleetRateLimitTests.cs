using System.Globalization;
using OpenCode.Storage.Postgres;
using OpenCode.Storage.Sqlite;

namespace OpenCode.Storage.Tests.Fleet;

/// <summary>Several processes share one store (PostgreSQL, or a SQLite file on one machine): together they never pass the limit, and the ledger adds up to what they were granted.</summary>
public sealed class FleetRateLimitTests
{
    private const int Clients = 4;
    private const int Limit = 10;
    private const int WindowMilliseconds = 250;
    private const int AttemptsPerClient = 300;

    [Fact]
    public async Task SharedLimiter_FourProcessesOnPostgres_NeverExceedLimitPerWindowAndLedgerMatchesGrants()
    {
        var connectionString = await PostgresServer.CreateIsolatedAsync();
        await using var handle = await PostgresOpenCodeStores.OpenAsync(connectionString, TestContext.Current.CancellationToken);

        await RunFleetAsync(connectionString, handle.Stores.Usage);
    }

    [Fact]
    public async Task SharedLimiter_FourProcessesOnOneSqliteFile_NeverExceedLimitPerWindowAndLedgerMatchesGrants()
    {
        var directory = Directory.CreateTempSubdirectory("opencode-fleet-");
        try
        {
            var path = Path.Combine(directory.FullName, "usage.db");
            var stores = SqliteOpenCodeStores.Open(path);

            await RunFleetAsync("sqlite:" + path, stores.Usage);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    // The tables exist before the clients start (the caller opened the store), so their start-up times are about the same.
    private static async Task RunFleetAsync(string store, IUsageStore ledger)
    {
        var key = "fleet-" + Guid.NewGuid().ToString("N");

        var outputs = await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => RunClientAsync(store, key, client)));

        var grants = outputs.SelectMany(o => o).ToList();
        var perWindow = grants.GroupBy(g => g.WindowResetTicks).Select(g => g.Count()).ToList();
        perWindow.ShouldAllBe(count => count <= Limit);
        perWindow.ShouldContain(Limit, "the clients competed for at least one window");
        grants.Count.ShouldBeGreaterThan(Limit, "the run spanned more than one window");

        var totals = await ledger.GetTotalsAsync(new UsageQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, Endpoint: key), TestContext.Current.CancellationToken);
        totals.Requests.ShouldBe(grants.Count);
        totals.TotalTokens.ShouldBe(grants.Sum(g => g.Tokens));
    }

    private static async Task<List<(long WindowResetTicks, long Tokens)>> RunClientAsync(string connectionString, string key, int client)
    {
        var lines = await FleetClientProcess.RunAsync(
            [connectionString, key, $"{Limit}", $"{WindowMilliseconds}", $"{AttemptsPerClient}", $"{client}"], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return [.. lines.Select(line => line.Split(' ')).Select(p => (long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture)))];
    }
}
