using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenCode.Storage;
using OpenCode.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts OpenCode's state in PostgreSQL.</summary>
public static class OpenCodePostgresBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory <see cref="OpenCodeStores"/> with PostgreSQL ones: the usage ledger, rate-limit counters,
    /// response cache and instance health are then shared by every app instance using <paramref name="connectionString"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddOpenCode</c> returned.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    /// <remarks>The tables are created on first use (<c>CREATE TABLE IF NOT EXISTS</c>); the container closes the connection pool when disposed.</remarks>
    public static IOpenCodeBuilder UsePostgresStores(this IOpenCodeBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        builder.Services.RemoveAll<OpenCodeStores>();
        builder.Services.AddSingleton(_ => new PostgresDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true));
        builder.Services.AddSingleton(sp => PostgresOpenCodeStores.Create(sp.GetRequiredService<PostgresDatabase>()));
        return builder;
    }
}
