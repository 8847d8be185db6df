using Npgsql;
using NpgsqlTypes;

namespace OpenCode.Storage.Postgres;

/// <summary>Instance health in PostgreSQL, so a fleet agrees on which servers are sick.</summary>
internal sealed class PostgresInstanceHealthStore(PostgresDatabase database) : IInstanceHealthStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InstanceHealthRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            "SELECT instance, healthy, cooldown_until, last_error, updated_at FROM opencode_instance_health ORDER BY instance COLLATE \"C\"", connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<InstanceHealthRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new InstanceHealthRecord(
                reader.GetString(0),
                reader.GetBoolean(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return records;
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(InstanceHealthRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            """
            INSERT INTO opencode_instance_health AS h (instance, healthy, cooldown_until, last_error, updated_at)
            VALUES (@instance, @healthy, @cooldown, @error, @updated)
            ON CONFLICT (instance) DO UPDATE SET healthy = excluded.healthy, cooldown_until = excluded.cooldown_until,
                last_error = excluded.last_error, updated_at = excluded.updated_at
            WHERE excluded.updated_at >= h.updated_at
            """,
            connection);
        command.Parameters.AddWithValue("instance", record.Instance);
        command.Parameters.AddWithValue("healthy", record.Healthy);
        command.Parameters.Add(new NpgsqlParameter("cooldown", NpgsqlDbType.TimestampTz) { Value = record.CooldownUntil is { } c ? c.ToUniversalTime() : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)record.LastError ?? DBNull.Value });
        command.Parameters.AddWithValue("updated", record.UpdatedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
