using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpenCode.Storage.Sqlite;

/// <summary>The usage ledger in a SQLite file.</summary>
internal sealed class SqliteUsageStore(SqliteDatabase database) : IUsageStore
{
    private const string Sums = "COUNT(*), COUNT(error_code), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0), COALESCE(SUM(cost_nanos), 0)";

    /// <inheritdoc />
    public async ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO usage_records (id, ts, endpoint, model, credential, prompt_tokens, completion_tokens, cost_nanos, error_code)
            VALUES ($id, $ts, $endpoint, $model, $credential, $prompt, $completion, $cost, $error)
            ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", record.Id.ToString("D", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$ts", record.Timestamp.UtcTicks);
        command.Parameters.AddWithValue("$endpoint", record.Endpoint);
        command.Parameters.AddWithValue("$model", record.Model);
        command.Parameters.AddWithValue("$credential", (object?)record.Credential ?? DBNull.Value);
        command.Parameters.AddWithValue("$prompt", record.PromptTokens);
        command.Parameters.AddWithValue("$completion", record.CompletionTokens);
        command.Parameters.AddWithValue("$cost", record.Cost is { } cost ? decimal.ToInt64(decimal.Round(cost * SqliteSchema.CostScale)) : DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)record.ErrorCode ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = Select(connection, query, string.Empty, string.Empty);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTotals(reader, 0) : UsageTotals.Empty;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<UsageDay>> GetDailyTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = Select(connection, query, $"ts / {TimeSpan.TicksPerDay}, ", $" GROUP BY ts / {TimeSpan.TicksPerDay} ORDER BY 1");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var days = new List<UsageDay>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            days.Add(new UsageDay(DateOnly.FromDayNumber(checked((int)reader.GetInt64(0))), ReadTotals(reader, 1)));
        }

        return days;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<UsageBreakdown>> GetTotalsByModelAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = Select(connection, query, "endpoint, model, ", " GROUP BY endpoint, model ORDER BY endpoint, model");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var groups = new List<UsageBreakdown>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            groups.Add(new UsageBreakdown(reader.GetString(0), reader.GetString(1), ReadTotals(reader, 2)));
        }

        return groups;
    }

    private static SqliteCommand Select(SqliteConnection connection, UsageQuery query, string keys, string tail)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {keys}{Sums} FROM usage_records
            WHERE ts >= $from AND ts < $to
              AND ($endpoint IS NULL OR endpoint = $endpoint)
              AND ($model IS NULL OR model = $model)
              AND ($credential IS NULL OR credential = $credential){tail}
            """;
        command.Parameters.AddWithValue("$from", query.From.UtcTicks);
        command.Parameters.AddWithValue("$to", query.To.UtcTicks);
        command.Parameters.AddWithValue("$endpoint", (object?)query.Endpoint ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)query.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$credential", (object?)query.Credential ?? DBNull.Value);
        return command;
    }

    private static UsageTotals ReadTotals(SqliteDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetInt64(first + 1),
        reader.GetInt64(first + 2),
        reader.GetInt64(first + 3),
        reader.GetInt64(first + 4) / SqliteSchema.CostScale);
}
