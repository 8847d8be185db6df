namespace OpenCode.Storage.Sqlite;

/// <summary>Fixed-window counters in a SQLite file, shared by the processes of one machine.</summary>
internal sealed class SqliteRateLimitStore(SqliteDatabase database) : IRateLimitStore
{
    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> TryAcquireAsync(string key, long permits, long limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RateLimitWindow.Check(key, permits, limit, window);
        var start = RateLimitWindow.StartOf(now, window);
        using var connection = database.OpenConnection();

        // IMMEDIATE takes the write lock first, so the take and the read of a refusal see the same count.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM rate_limit_windows WHERE key = $key AND window_start < $oldest;
            INSERT INTO rate_limit_windows (key, window_start, used)
            SELECT $key, $start, $permits WHERE $permits <= $limit
            ON CONFLICT (key, window_start) DO UPDATE SET used = used + $permits WHERE used + $permits <= $limit
            RETURNING used;
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$start", start.UtcTicks);
        command.Parameters.AddWithValue("$oldest", (start - RateLimitWindow.Retention(window)).UtcTicks);
        command.Parameters.AddWithValue("$permits", permits);
        command.Parameters.AddWithValue("$limit", limit);
        var taken = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        var acquired = taken is long;
        var used = acquired ? (long)taken! : 0;
        if (!acquired)
        {
            command.CommandText = "SELECT COALESCE((SELECT used FROM rate_limit_windows WHERE key = $key AND window_start = $start), 0)";
            used = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RateLimitDecision(acquired, used, start + window);
    }
}
