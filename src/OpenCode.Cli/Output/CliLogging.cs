using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenCode.Cli.Output;

/// <summary>The CLI's loggers: none by default; with <c>--verbose</c>, every category at Debug to stderr.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(TextWriter error, bool verbose) =>
        verbose
            ? LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new TextWriterLoggerProvider(error)))
            : NullLoggerFactory.Instance;
}
