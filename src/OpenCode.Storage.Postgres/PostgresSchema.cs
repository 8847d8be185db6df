namespace OpenCode.Storage.Postgres;

/// <summary>The tables, created idempotently on first use; names start with <c>opencode_</c> so they sit beside an app's own tables.</summary>
internal static class PostgresSchema
{
    // Any constant works; it keeps concurrent first starts of a fleet from racing on CREATE TABLE.
    internal const long MigrationLockId = 0x4F70656E436F6465;

    internal const string Create = """
        CREATE TABLE IF NOT EXISTS opencode_usage_records (
            id uuid PRIMARY KEY,
            ts timestamptz NOT NULL,
            endpoint text NOT NULL,
            model text NOT NULL,
            credential text,
            prompt_tokens bigint NOT NULL,
            completion_tokens bigint NOT NULL,
            cost numeric,
            error_code text
        );
        CREATE INDEX IF NOT EXISTS opencode_usage_records_ts ON opencode_usage_records (ts);
        CREATE TABLE IF NOT EXISTS opencode_rate_limit_windows (
            key text NOT NULL,
            window_start timestamptz NOT NULL,
            used bigint NOT NULL,
            PRIMARY KEY (key, window_start)
        );
        CREATE TABLE IF NOT EXISTS opencode_response_cache (
            key text PRIMARY KEY,
            payload text NOT NULL,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS opencode_response_cache_expires ON opencode_response_cache (expires_at);
        CREATE TABLE IF NOT EXISTS opencode_instance_health (
            instance text PRIMARY KEY,
            healthy boolean NOT NULL,
            cooldown_until timestamptz,
            last_error text,
            updated_at timestamptz NOT NULL
        );
        """;
}
