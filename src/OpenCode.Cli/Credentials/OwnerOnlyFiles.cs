namespace OpenCode.Cli.Credentials;

/// <summary>Creates folders and files that only their owner may read (0700 and 0600 on Unix).</summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static DirectoryInfo EnsureFolder(string path)
    {
        var folder = OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, FolderMode);
        if (!OperatingSystem.IsWindows())
        {
            // CreateDirectory leaves an existing folder's mode alone (and the umask may have widened a new one).
            File.SetUnixFileMode(path, FolderMode);
        }

        return folder;
    }

    /// <summary>Writes a file atomically: a temporary file created owner-only, then renamed over the target.</summary>
    public static async Task WriteAsync(string path, byte[] contents, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(contents, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Narrows every file in <paramref name="folder"/> to owner-only, for files a library wrote with the default mode.</summary>
    public static void Restrict(DirectoryInfo folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in folder.EnumerateFiles())
        {
            if (file.UnixFileMode != OwnerReadWrite)
            {
                file.UnixFileMode = OwnerReadWrite;
            }
        }
    }
}
