namespace OpenCode.Storage.Sqlite;

/// <summary>Instance health in a SQLite file.</summary>
internal sealed class SqliteInstanceHealthStore(SqliteDatabase database) : IInstanceHealthStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InstanceHealthRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance, healthy, cooldown_until, last_error, updated_at FROM instance_health ORDER BY instance";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<InstanceHealthRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new InstanceHealthRecord(
                reader.GetString(0),
                reader.GetInt64(1) != 0,
                reader.IsDBNull(2) ? null : FromTicks(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                FromTicks(reader.GetInt64(4))));
        }

        return records;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(InstanceHealthRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO instance_health (instance, healthy, cooldown_until, last_error, updated_at)
            VALUES ($instance, $healthy, $cooldown, $error, $updated)
            ON CONFLICT (instance) DO UPDATE SET healthy = excluded.healthy, cooldown_until = excluded.cooldown_until,
                last_error = excluded.last_error, updated_at = excluded.updated_at
            WHERE excluded.updated_at >= instance_health.updated_at
            """;
        command.Parameters.AddWithValue("$instance", record.Instance);
        command.Parameters.AddWithValue("$healthy", record.Healthy ? 1 : 0);
        command.Parameters.AddWithValue("$cooldown", record.CooldownUntil is { } c ? c.UtcTicks : DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)record.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", record.UpdatedAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
