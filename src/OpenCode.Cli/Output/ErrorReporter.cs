using System.Globalization;

namespace OpenCode.Cli.Output;

/// <summary>Writes a failure to stderr as one line, <c>error: &lt;message&gt; [CODE]</c>; the full exception only with <c>--verbose</c>.</summary>
/// <remarks>OpenCode's messages never carry credentials, and nothing here adds any.</remarks>
internal static class ErrorReporter
{
    public static int Report(TextWriter error, Exception exception, bool verbose)
    {
        var (line, exitCode) = exception switch
        {
            OpenCodeConfigurationException config => ($"{Headline(config.Message)}: {string.Join("; ", config.Errors.Select(OneLine))} [{config.Code}]", ExitCodes.Usage),
            OpenCodeException known => ($"{OneLine(known.Message)}{RetryHint(known)} [{known.Code}]", ExitCodes.For(known.Code)),
            _ => ($"unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (run with --verbose for details)", ExitCodes.InternalError),
        };
        error.WriteLine("error: " + line);
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }

        return exitCode;
    }

    public static void ReportUsage(TextWriter error, IEnumerable<string> messages) =>
        error.WriteLine($"error: {string.Join("; ", messages.Select(OneLine))} (see 'opencode --help')");

    // A configuration message is a headline ending in ':' and then one line per problem; the problems come from Errors.
    private static string Headline(string message) => OneLine(message.Split('\n', 2)[0]).TrimEnd(':');

    private static string RetryHint(OpenCodeException exception) =>
        exception.RetryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $" (retry after {Math.Ceiling(wait.TotalSeconds)} s)") : string.Empty;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
