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
            OpenCodeConfigurationException config => ($"{ConfigurationLine(config)} [{config.Code}]", ExitCodes.Usage),
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

    // A configuration message is a headline ending in ':' and then one line per problem, or one problem alone (then Errors is just it).
    private static string ConfigurationLine(OpenCodeConfigurationException exception) =>
        exception.Errors.Count == 1 && exception.Errors[0] == exception.Message
            ? OneLine(exception.Message)
            : $"{OneLine(exception.Message.Split('\n', 2)[0]).TrimEnd(':')}: {string.Join("; ", exception.Errors.Select(OneLine))}";

    private static string RetryHint(OpenCodeException exception) =>
        exception.RetryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $" (retry after {Math.Ceiling(wait.TotalSeconds)} s)") : string.Empty;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
