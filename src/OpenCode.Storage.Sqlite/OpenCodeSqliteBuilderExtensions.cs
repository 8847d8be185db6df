using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenCode.Storage;
using OpenCode.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts OpenCode's state in a SQLite file.</summary>
public static class OpenCodeSqliteBuilderExtensions
{
    /// <summary>Replaces the in-memory <see cref="OpenCodeStores"/> with ones in the SQLite file at <paramref name="path"/>, so usage survives restarts.</summary>
    /// <param name="builder">The builder <c>AddOpenCode</c> returned.</param>
    /// <param name="path">The database file; <see langword="null"/> uses <see cref="SqliteOpenCodeStores.DefaultPath"/>.</param>
    /// <param name="shareRateLimits">Whether the processes of this machine share rate limits through the file.</param>
    /// <returns>The builder.</returns>
    public static IOpenCodeBuilder UseSqliteStores(this IOpenCodeBuilder builder, string? path = null, bool shareRateLimits = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<OpenCodeStores>();
        builder.Services.AddSingleton(_ => SqliteOpenCodeStores.Open(path ?? SqliteOpenCodeStores.DefaultPath(), shareRateLimits));
        return builder;
    }
}
