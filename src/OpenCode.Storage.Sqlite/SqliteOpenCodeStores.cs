namespace OpenCode.Storage.Sqlite;

/// <summary>Opens the OpenCode stores in one SQLite file: usage survives restarts and is shared by the processes of one machine.</summary>
public static class SqliteOpenCodeStores
{
    /// <summary>Opens (creating when missing) the SQLite file at <paramref name="path"/> and returns stores backed by it.</summary>
    /// <param name="path">The database file. A new file and its directory are created readable by the owner only (on Unix).</param>
    /// <param name="shareRateLimits">Whether <see cref="OpenCodeStores.RateLimits"/> uses the file's counters, so the processes of this machine share one limit.</param>
    /// <returns>The stores.</returns>
    /// <remarks>The file uses write-ahead logging, and a writer waits up to 5 seconds for another process's lock.</remarks>
    public static OpenCodeStores Open(string path, bool shareRateLimits = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var database = SqliteDatabase.Open(path);
        return new OpenCodeStores
        {
            Usage = new SqliteUsageStore(database),
            RateLimits = shareRateLimits ? new SqliteRateLimitStore(database) : null,
            Cache = new SqliteResponseCacheStore(database),
            Health = new SqliteInstanceHealthStore(database),
        };
    }

    /// <summary>Gets the per-user default database file: <c>$XDG_DATA_HOME/opencode/usage.db</c>, else the platform's local application data folder.</summary>
    /// <returns>The path, for example <c>~/.local/share/opencode/usage.db</c> on Linux.</returns>
    public static string DefaultPath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(root, "opencode", "usage.db");
    }
}
