using Npgsql;

namespace OpenCode.Storage.Tests;

/// <summary>
/// The real PostgreSQL server named by <c>OPENCODE_TEST_POSTGRES</c> (eng/start-postgres.sh starts one).
/// Without it a test is skipped, except under <c>CI=true</c>, where it fails.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "OPENCODE_TEST_POSTGRES";

    /// <summary>Returns the server's connection string, skipping the test when there is none (failing it when <c>CI=true</c>).</summary>
    public static string RequireConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(connectionString))
        {
            return connectionString;
        }

        var reason = $"No PostgreSQL server: {EnvironmentVariable} is not set. Run eng/test.sh, or source eng/start-postgres.sh and call start_postgres.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true requires PostgreSQL. " + reason);
        }

        Assert.Skip(reason);
        return string.Empty;
    }

    /// <summary>Creates an empty schema of its own and returns a connection string whose search path is that schema, so tests never see each other's rows.</summary>
    public static async Task<string> CreateIsolatedAsync()
    {
        var connectionString = RequireConnectionString();
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString();
    }
}
