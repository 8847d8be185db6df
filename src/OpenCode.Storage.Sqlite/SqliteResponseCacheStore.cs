namespace OpenCode.Storage.Sqlite;

/// <summary>Cached responses in a SQLite file.</summary>
internal sealed class SqliteResponseCacheStore(SqliteDatabase database) : IResponseCacheStore
{
    /// <inheritdoc />
    public async ValueTask<string?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM response_cache WHERE key = $key AND expires_at > $now";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();

        // Entries that expired long before this one's expiry are dropped on the way, so the table does not grow without bound.
        command.CommandText = """
            INSERT INTO response_cache (key, payload, expires_at) VALUES ($key, $payload, $expires)
            ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at;
            DELETE FROM response_cache WHERE expires_at < $expires - $horizon;
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$expires", expiresAt.UtcTicks);
        command.Parameters.AddWithValue("$horizon", TimeSpan.TicksPerDay * 30);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
