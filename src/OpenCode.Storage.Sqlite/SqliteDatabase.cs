using Microsoft.Data.Sqlite;

namespace OpenCode.Storage.Sqlite;

/// <summary>One SQLite file: creates it owner-only, sets WAL and a busy timeout, and hands out open connections.</summary>
internal sealed class SqliteDatabase
{
    // Another process holding the write lock (another CLI run) is waited for rather than failing at once.
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private readonly Lock _schemaLock = new();
    private volatile bool _schemaReady;

    private SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    internal string Path { get; }

    /// <summary>
    /// Creates the file (owner read/write only on Unix) when it does not exist; its schema is made by the first connection, so a
    /// process that never reads or writes a store (<c>opencode --help</c>, a failed argument) opens no database.
    /// </summary>
    internal static SqliteDatabase Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        CreateOwnerOnly(full);
        return new SqliteDatabase(full);
    }

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds};";
            command.ExecuteNonQuery();
            EnsureSchema(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        if (_schemaReady)
        {
            return;
        }

        lock (_schemaLock)
        {
            if (_schemaReady)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;\n" + SqliteSchema.Create;
            command.ExecuteNonQuery();
            _schemaReady = true;
        }
    }

    private static void CreateOwnerOnly(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(path)!;
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // SQLite gives its -wal and -shm files the database file's mode, so they stay private too.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var _ = new FileStream(path, options);
    }
}
