using Microsoft.Extensions.Logging;

namespace OpenCode.Cli.Output;

/// <summary>Logs one line per message to a <see cref="TextWriter"/> (stderr): <c>dbug: Category: message</c>.</summary>
/// <remarks>
/// Not Microsoft.Extensions.Logging.Console: that one always writes to the process console, and the CLI writes to the
/// streams it was given, so that in-process callers and tests see the logs too.
/// </remarks>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class TextWriterLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{Level(logLevel)}: {category}: {formatter(state, exception)}";
            writer.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
