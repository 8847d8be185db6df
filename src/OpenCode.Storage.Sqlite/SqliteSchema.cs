namespace OpenCode.Storage.Sqlite;

/// <summary>The tables, created when the file is opened. Times are UTC ticks; costs are billionths, so sums stay exact.</summary>
internal static class SqliteSchema
{
    internal const decimal CostScale = 1_000_000_000m;

    internal const string Create = """
        CREATE TABLE IF NOT EXISTS usage_records (
            id TEXT PRIMARY KEY,
            ts INTEGER NOT NULL,
            endpoint TEXT NOT NULL,
            model TEXT NOT NULL,
            credential TEXT,
            prompt_tokens INTEGER NOT NULL,
            completion_tokens INTEGER NOT NULL,
            cost_nanos INTEGER,
            error_code TEXT
        );
        CREATE INDEX IF NOT EXISTS usage_records_ts ON usage_records (ts);
        CREATE TABLE IF NOT EXISTS rate_limit_windows (
            key TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            used INTEGER NOT NULL,
            PRIMARY KEY (key, window_start)
        );
        CREATE TABLE IF NOT EXISTS response_cache (
            key TEXT PRIMARY KEY,
            payload TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS response_cache_expires ON response_cache (expires_at);
        CREATE TABLE IF NOT EXISTS instance_health (
            instance TEXT PRIMARY KEY,
            healthy INTEGER NOT NULL,
            cooldown_until INTEGER,
            last_error TEXT,
            updated_at INTEGER NOT NULL
        );
        """;
}
