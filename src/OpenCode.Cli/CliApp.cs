using System.CommandLine;
using System.CommandLine.Invocation;
using OpenCode.Cli.Commands;
using OpenCode.Cli.Output;

namespace OpenCode.Cli;

/// <summary>The <c>opencode</c> command line, callable in-process: parses the arguments and runs a command.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        // Log lines from llama-server's output reader and the answer stream may interleave; keep each write whole.
        context = context with { Out = TextWriter.Synchronized(context.Out), Error = TextWriter.Synchronized(context.Error) };
        StartupTimeline.Mark(context, "main");
        var parseResult = RootCommandFactory.Create(context, args).Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            ErrorReporter.ReportUsage(context.Error, parseResult.Errors.Select(e => e.Message));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,

            // Program wires Ctrl+C to the token itself, so in-process callers and the real process cancel the same way.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
