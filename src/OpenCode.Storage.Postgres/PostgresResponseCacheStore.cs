using Npgsql;

namespace OpenCode.Storage.Postgres;

/// <summary>Cached responses in PostgreSQL, shared by a fleet.</summary>
internal sealed class PostgresResponseCacheStore(PostgresDatabase database) : IResponseCacheStore
{
    /// <inheritdoc />
    public async ValueTask<string?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand("SELECT payload FROM opencode_response_cache WHERE key = @key AND expires_at > @now", connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Entries that expired long before this one's expiry are dropped on the way (a bounded batch), so the table does not grow without bound.
        using var command = new NpgsqlCommand(
            """
            INSERT INTO opencode_response_cache (key, payload, expires_at) VALUES (@key, @payload, @expires)
            ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at;
            DELETE FROM opencode_response_cache WHERE key IN (
                SELECT key FROM opencode_response_cache WHERE expires_at < @expires - interval '30 days' LIMIT 100);
            """,
            connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.AddWithValue("expires", expiresAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
