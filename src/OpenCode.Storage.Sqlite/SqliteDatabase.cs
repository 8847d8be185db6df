using Microsoft.Data.Sqlite;

namespace OpenCode.Storage.Sqlite;

/// <summary>One SQLite file: creates it owner-only, sets WAL and a busy timeout, and hands out open connections.</summary>
internal sealed class SqliteDatabase
{
    // Another process holding the write lock (another CLI run) is waited for rather than failing at once.
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;

    private SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    internal string Path { get; }

    /// <summary>Creates the file (owner read/write only on Unix) and its schema when they do not exist.</summary>
    internal static SqliteDatabase Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        CreateOwnerOnly(full);
        var database = new SqliteDatabase(full);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;\n" + SqliteSchema.Create;
        command.ExecuteNonQuery();
        return database;
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
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
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
