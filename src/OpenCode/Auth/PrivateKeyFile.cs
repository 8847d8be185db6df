using Microsoft.Extensions.Logging;

namespace OpenCode.Auth;

/// <summary>Reads a PEM private key file, warning when others may read it too.</summary>
internal static partial class PrivateKeyFile
{
    private const UnixFileMode OthersMayAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public static string Read(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            throw new OpenCodeConfigurationException($"auth.jwt.privateKeyFile: the file '{path}' does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMayAccess) != 0)
        {
            KeyFileTooOpen(logger, path);
        }

        return File.ReadAllText(path);
    }

    [LoggerMessage(107, LogLevel.Warning, "The private key file {Path} can be read or written by other users; restrict it with chmod 600")]
    private static partial void KeyFileTooOpen(ILogger logger, string path);
}
