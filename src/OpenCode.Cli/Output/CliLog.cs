using Microsoft.Extensions.Logging;
using OpenCode.Cli.Commands;
using OpenCode.Configuration;

namespace OpenCode.Cli.Output;

/// <summary>The CLI's own log messages; both arguments and options mask the API key in their text.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Debug, Message = "Command line: {Arguments}")]
    public static partial void Arguments(ILogger logger, CommonArguments arguments);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Debug, Message = "Settings: {Options}; direct mode: {IsDirect}")]
    public static partial void Settings(ILogger logger, OpenCodeOptions options, bool isDirect);
}
