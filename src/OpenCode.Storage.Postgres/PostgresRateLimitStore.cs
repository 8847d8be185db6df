using Npgsql;

namespace OpenCode.Storage.Postgres;

/// <summary>Fixed-window counters in PostgreSQL: every app instance of a fleet takes from the same window.</summary>
internal sealed class PostgresRateLimitStore(PostgresDatabase database) : IRateLimitStore
{
    // One statement decides: the upsert's WHERE refuses a take that would pass the limit, and the row lock
    // ON CONFLICT takes serializes concurrent takers of one window. A refusal reports the count it saw.
    private const string Acquire = """
        WITH taken AS (
            INSERT INTO opencode_rate_limit_windows AS t (key, window_start, used)
            SELECT @key, @start, @permits WHERE @permits <= @limit
            ON CONFLICT (key, window_start) DO UPDATE SET used = t.used + @permits WHERE t.used + @permits <= @limit
            RETURNING t.used)
        SELECT true, used FROM taken
        UNION ALL
        SELECT false, COALESCE((SELECT used FROM opencode_rate_limit_windows WHERE key = @key AND window_start = @start), 0)
        WHERE NOT EXISTS (SELECT 1 FROM taken)
        """;

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> TryAcquireAsync(string key, long permits, long limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RateLimitWindow.Check(key, permits, limit, window);
        var start = RateLimitWindow.StartOf(now, window);
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(Acquire, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("permits", permits);
        command.Parameters.AddWithValue("limit", limit);
        bool acquired;
        long used;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            acquired = reader.GetBoolean(0);
            used = reader.GetInt64(1);
        }

        if (acquired && used == permits)
        {
            // The first take of a new window drops the key's windows past retention (not the recent ones: see Retention).
            using var cleanup = new NpgsqlCommand("DELETE FROM opencode_rate_limit_windows WHERE key = @key AND window_start < @oldest", connection);
            cleanup.Parameters.AddWithValue("key", key);
            cleanup.Parameters.AddWithValue("oldest", start - RateLimitWindow.Retention(window));
            await cleanup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RateLimitDecision(acquired, used, start + window);
    }
}
