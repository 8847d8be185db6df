using Microsoft.Extensions.Logging;

namespace OpenCode.Local.Server;

/// <summary>The log messages of the local llama-server supervisor.</summary>
internal static partial class LocalServerLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "llama-server[{ProcessId}]: {Line}")]
    public static partial void ServerOutput(ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "llama-server[{ProcessId}] is ready at {BaseAddress} (model {ModelPath})")]
    public static partial void ServerReady(ILogger logger, int processId, Uri baseAddress, string modelPath);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "llama-server[{ProcessId}] exited with code {ExitCode}; restart {Attempt} of {MaxRestarts}")]
    public static partial void ServerExited(ILogger logger, int processId, int exitCode, int attempt, int maxRestarts);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Restarting llama-server failed")]
    public static partial void RestartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "llama-server died more than {MaxRestarts} times; giving up")]
    public static partial void ServerFailed(ILogger logger, int maxRestarts);
}
