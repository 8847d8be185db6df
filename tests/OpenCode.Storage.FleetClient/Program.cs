using System.Globalization;
using OpenCode.Limits;
using OpenCode.Storage;
using OpenCode.Storage.Postgres;
using OpenCode.Storage.Sqlite;

// One app instance of a fleet: takes permits from the shared limiter and records a ledger row per granted request.
// Arguments: <PostgreSQL connection string, or sqlite:FILE> <key> <limit per window> <window ms> <attempts> <client number>.
// Prints one line per granted request, "<window reset ticks> <tokens>", then "done".
// With "provider" first, runs the whole provider instead (see ProviderFleetClient).
if (args.Length > 0 && args[0] == "provider")
{
    return await OpenCode.Storage.FleetClient.ProviderFleetClient.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length != 6)
{
    await Console.Error.WriteLineAsync("usage: fleet-client <connection string> <key> <limit> <window ms> <attempts> <client>").ConfigureAwait(false);
    return 2;
}

var (connectionString, key) = (args[0], args[1]);
var limit = long.Parse(args[2], CultureInfo.InvariantCulture);
var window = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));
var attempts = int.Parse(args[4], CultureInfo.InvariantCulture);
var client = int.Parse(args[5], CultureInfo.InvariantCulture);

PostgresStoresHandle? handle = null;
var stores = connectionString.StartsWith("sqlite:", StringComparison.Ordinal)
    ? SqliteOpenCodeStores.Open(connectionString["sqlite:".Length..], shareRateLimits: true)
    : (handle = await PostgresOpenCodeStores.OpenAsync(connectionString).ConfigureAwait(false)).Stores;
using var limiter = new SharedWindowRateLimiter(stores.RateLimits!, new SharedWindowRateLimiterOptions { Key = key, PermitLimit = limit, Window = window });
var output = new List<string>();
for (var i = 0; i < attempts; i++)
{
    using var lease = await limiter.AcquireAsync(1).ConfigureAwait(false);
    if (!lease.IsAcquired)
    {
        continue;
    }

    lease.TryGetMetadata(SharedWindowRateLimiter.ResetsAtMetadata, out var resetsAt);
    var tokens = 1 + (client * 7) + (i % 13);
    await stores.Usage.RecordAsync(new UsageRecord(Guid.NewGuid(), TimeProvider.System.GetUtcNow(), key, "fleet-model", $"client-{client}", tokens, 1, null))
        .ConfigureAwait(false);
    output.Add(FormattableString.Invariant($"{resetsAt.UtcTicks} {tokens + 1}"));
}

foreach (var line in output)
{
    Console.WriteLine(line);
}

Console.WriteLine("done");
if (handle is not null)
{
    await handle.DisposeAsync().ConfigureAwait(false);
}

return 0;
