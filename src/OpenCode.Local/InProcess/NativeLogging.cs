using LLama.Native;
using Microsoft.Extensions.Logging;

namespace OpenCode.Local.InProcess;

/// <summary>
/// Sends llama.cpp's own log lines to the first logger that asks (at Debug), before the native library loads; otherwise llama.cpp writes
/// every load step to the process's standard error, which a command-line host prints.
/// </summary>
internal static class NativeLogging
{
    private static readonly Lock Gate = new();
    private static ILogger? _logger;

    public static void EnsureRouted(ILogger logger)
    {
        lock (Gate)
        {
            if (_logger is not null)
            {
                return;
            }

            _logger = logger;
            NativeLibraryConfig.All.WithLogCallback(static (level, message) =>
            {
                if (_logger is { } target && level >= LLamaLogLevel.Warning && target.IsEnabled(LogLevel.Debug))
                {
                    LocalModelLog.Native(target, message.TrimEnd());
                }
            });
        }
    }
}
