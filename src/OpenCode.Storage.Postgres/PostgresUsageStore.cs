using Npgsql;
using NpgsqlTypes;

namespace OpenCode.Storage.Postgres;

/// <summary>The usage ledger in PostgreSQL, shared by every app instance that points at the database.</summary>
internal sealed class PostgresUsageStore(PostgresDatabase database) : IUsageStore
{
    private const string Sums = "COUNT(*), COUNT(error_code), COALESCE(SUM(prompt_tokens), 0)::bigint, COALESCE(SUM(completion_tokens), 0)::bigint, COALESCE(SUM(cost), 0)";

    /// <inheritdoc />
    public async ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            """
            INSERT INTO opencode_usage_records (id, ts, endpoint, model, credential, prompt_tokens, completion_tokens, cost, error_code)
            VALUES (@id, @ts, @endpoint, @model, @credential, @prompt, @completion, @cost, @error)
            ON CONFLICT (id) DO NOTHING
            """,
            connection);
        command.Parameters.AddWithValue("id", record.Id);
        command.Parameters.AddWithValue("ts", record.Timestamp.ToUniversalTime());
        command.Parameters.AddWithValue("endpoint", record.Endpoint);
        command.Parameters.AddWithValue("model", record.Model);
        command.Parameters.Add(new NpgsqlParameter("credential", NpgsqlDbType.Text) { Value = (object?)record.Credential ?? DBNull.Value });
        command.Parameters.AddWithValue("prompt", record.PromptTokens);
        command.Parameters.AddWithValue("completion", record.CompletionTokens);
        command.Parameters.Add(new NpgsqlParameter("cost", NpgsqlDbType.Numeric) { Value = (object?)record.Cost ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)record.ErrorCode ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        var rows = await SelectAsync(query, string.Empty, string.Empty, r => ReadTotals(r, 0), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? UsageTotals.Empty : rows[0];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<UsageDay>> GetDailyTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        await SelectAsync(
            query,
            "(ts AT TIME ZONE 'UTC')::date, ",
            " GROUP BY 1 ORDER BY 1",
            r => new UsageDay(r.GetFieldValue<DateOnly>(0), ReadTotals(r, 1)),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<UsageBreakdown>> GetTotalsByModelAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        await SelectAsync(
            query,
            "endpoint, model, ",
            " GROUP BY endpoint, model ORDER BY endpoint COLLATE \"C\", model COLLATE \"C\"",
            r => new UsageBreakdown(r.GetString(0), r.GetString(1), ReadTotals(r, 2)),
            cancellationToken).ConfigureAwait(false);

    private async ValueTask<List<T>> SelectAsync<T>(UsageQuery query, string keys, string tail, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            SELECT {keys}{Sums} FROM opencode_usage_records
            WHERE ts >= @from AND ts < @to
              AND (@endpoint::text IS NULL OR endpoint = @endpoint)
              AND (@model::text IS NULL OR model = @model)
              AND (@credential::text IS NULL OR credential = @credential){tail}
            """,
            connection);
        command.Parameters.AddWithValue("from", query.From.ToUniversalTime());
        command.Parameters.AddWithValue("to", query.To.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("endpoint", NpgsqlDbType.Text) { Value = (object?)query.Endpoint ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlDbType.Text) { Value = (object?)query.Model ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("credential", NpgsqlDbType.Text) { Value = (object?)query.Credential ?? DBNull.Value });
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static UsageTotals ReadTotals(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetInt64(first + 1),
        reader.GetInt64(first + 2),
        reader.GetInt64(first + 3),
        reader.GetDecimal(first + 4));
}
