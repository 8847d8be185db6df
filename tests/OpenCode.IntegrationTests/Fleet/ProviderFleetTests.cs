using System.Globalization;
using OpenCode.Storage.Postgres;
using OpenCode.Storage.Tests;
using OpenCode.Storage.Tests.Fleet;

namespace OpenCode.IntegrationTests.Fleet;

/// <summary>
/// Four app processes, each with its own <c>OpenCodeProvider</c>, share one PostgreSQL and one real llama-server: together they
/// never pass the fleet-wide requests-per-minute limit, and the shared ledger holds exactly the requests they were answered.
/// </summary>
public sealed class ProviderFleetTests(LlamaServerFixture fixture)
{
    private const int Clients = 4;
    private const int Limit = 12;
    private const int RequestsPerClient = 8;

    [Fact]
    public async Task Provider_FourProcessesSharingPostgres_StayUnderTheFleetLimitAndLedgerSumsExactly()
    {
        using var cts = TestDeadline.After(TimeSpan.FromSeconds(120));
        var connectionString = await PostgresServer.CreateIsolatedAsync();
        var server = await fixture.GetSharedServerAsync(cts.Token);
        var endpoint = server.BaseAddress.ToString();
        await using (var setup = await PostgresOpenCodeStores.OpenAsync(connectionString, cts.Token))
        {
            // Tables exist before the clients start.
        }

        var minuteBefore = Minute(TimeProvider.System.GetUtcNow());
        var outputs = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => RunClientAsync(connectionString, endpoint, cts.Token)));
        var minutes = Minute(TimeProvider.System.GetUtcNow()) - minuteBefore + 1;

        var answers = outputs.SelectMany(o => o).Where(line => line.StartsWith("ok ", StringComparison.Ordinal)).ToList();
        var refused = outputs.SelectMany(o => o).Count(line => line == "limited");
        (answers.Count + refused).ShouldBe(Clients * RequestsPerClient);
        answers.Count.ShouldBeLessThanOrEqualTo(Limit * (int)minutes, "the fleet-wide limit holds across the processes");
        answers.Count.ShouldBeGreaterThanOrEqualTo(Limit, "the clients together asked for more than the limit, so it was reached");

        await using var handle = await PostgresOpenCodeStores.OpenAsync(connectionString, cts.Token);
        var totals = await handle.Stores.Usage.GetTotalsAsync(new Storage.UsageQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue), cts.Token);
        totals.Requests.ShouldBe(answers.Count);
        totals.Errors.ShouldBe(0);
        totals.TotalTokens.ShouldBe(answers.Sum(line => line.Split(' ').Skip(1).Sum(n => long.Parse(n, CultureInfo.InvariantCulture))));
    }

    private static long Minute(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    private static Task<string[]> RunClientAsync(string connectionString, string endpoint, CancellationToken cancellationToken) =>
        FleetClientProcess.RunAsync(["provider", connectionString, endpoint, $"{Limit}", $"{RequestsPerClient}"], TimeSpan.FromSeconds(100), cancellationToken);
}
