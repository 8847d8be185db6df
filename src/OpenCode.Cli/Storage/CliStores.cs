using OpenCode.Storage;
using OpenCode.Storage.Sqlite;

namespace OpenCode.Cli.Storage;

/// <summary>
/// The CLI's state: one SQLite file per user, so usage survives between runs and <c>opencode usage</c> can show it.
/// The file is <c>--ledger</c> when given, else <c>OPENCODE_USAGE_DB</c>, else <see cref="SqliteOpenCodeStores.DefaultPath"/>.
/// </summary>
internal static class CliStores
{
    /// <summary>The environment variable (after the CLI's prefix) naming the database file.</summary>
    public const string PathVariable = "USAGE_DB";

    /// <summary>Returns the database file to use.</summary>
    public static string ResolvePath(CliContext context, string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(context.EnvironmentPrefix + PathVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? SqliteOpenCodeStores.DefaultPath() : Path.GetFullPath(fromEnvironment);
    }

    /// <summary>
    /// Opens (creating when missing) the CLI's stores; the provider records every request into their ledger, and keeps discovery answers
    /// in their cache so the next command against the same server asks only for its work.
    /// </summary>
    public static OpenCodeStores Open(CliContext context, string? explicitPath = null)
    {
        var stores = SqliteOpenCodeStores.Open(ResolvePath(context, explicitPath));
        return new OpenCodeStores { Usage = stores.Usage, RateLimits = stores.RateLimits, Cache = stores.Cache, Health = stores.Health, Discovery = stores.Cache };
    }
}
