using Npgsql;

namespace OpenCode.Storage.Postgres;

/// <summary>A PostgreSQL data source whose connections come with the OpenCode schema in place.</summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource, bool ownsDataSource) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    internal async ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the tables when missing; later calls return at once.</summary>
    internal async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresSchema.MigrationLockId});\n{PostgresSchema.Create}", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    // Both forms, so a container disposed synchronously (using var provider = ...) can dispose it too.
    public void Dispose()
    {
        _schemaGate.Dispose();
        if (ownsDataSource)
        {
            dataSource.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _schemaGate.Dispose();
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
