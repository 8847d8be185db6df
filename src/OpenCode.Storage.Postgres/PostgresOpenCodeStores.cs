using Npgsql;

namespace OpenCode.Storage.Postgres;

/// <summary>Creates OpenCode stores in PostgreSQL, which every app instance of a fleet shares.</summary>
public static class PostgresOpenCodeStores
{
    /// <summary>Returns stores backed by the database at <paramref name="connectionString"/>, creating their tables when missing.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="cancellationToken">Cancels the schema check.</param>
    /// <returns>The stores, and an owner to dispose when they are no longer used (it closes the connection pool).</returns>
    /// <exception cref="NpgsqlException">The database cannot be reached or the tables cannot be created.</exception>
    public static async Task<PostgresStoresHandle> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var database = new PostgresDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
        try
        {
            await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresStoresHandle(database, Create(database));
    }

    /// <summary>Returns stores backed by <paramref name="dataSource"/>; the tables are created on first use.</summary>
    /// <param name="dataSource">The data source; the caller keeps owning it.</param>
    /// <returns>The stores, with shared rate-limit counters.</returns>
    public static OpenCodeStores Create(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return Create(new PostgresDatabase(dataSource, ownsDataSource: false));
    }

    internal static OpenCodeStores Create(PostgresDatabase database) => new()
    {
        Usage = new PostgresUsageStore(database),
        RateLimits = new PostgresRateLimitStore(database),
        Cache = new PostgresResponseCacheStore(database),
        Health = new PostgresInstanceHealthStore(database),
    };
}
