namespace OpenCode.Storage.Postgres;

/// <summary>PostgreSQL-backed <see cref="OpenCodeStores"/> and the connection pool behind them.</summary>
public sealed class PostgresStoresHandle : IAsyncDisposable
{
    private readonly PostgresDatabase _database;

    internal PostgresStoresHandle(PostgresDatabase database, OpenCodeStores stores)
    {
        _database = database;
        Stores = stores;
    }

    /// <summary>Gets the stores.</summary>
    public OpenCodeStores Stores { get; }

    /// <summary>Closes the connection pool; the stores must not be used afterwards.</summary>
    /// <returns>A task that completes when the pool is closed.</returns>
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
