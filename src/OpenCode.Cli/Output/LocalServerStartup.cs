using OpenCode.Cli.Configuration;
using OpenCode.Provider;
using Spectre.Console;

namespace OpenCode.Cli.Output;

/// <summary>Starts direct mode's llama-server (building it first if it is missing), showing progress on stderr.</summary>
/// <remarks>On a terminal a spinner shows the latest step; otherwise each step is a plain line, so logs stay readable.</remarks>
internal static class LocalServerStartup
{
    public static async Task RunAsync(CliContext context, OpenCodeProvider provider, CliSettings settings, CancellationToken cancellationToken)
    {
        var model = Path.GetFileName(settings.Options.ModelPath);
        if (!context.ErrorIsTerminal)
        {
            provider.LocalServerBuildProgress = new LineProgress(line => context.Error.WriteLine($"llama-server: {line}"));
            await provider.InitializeAsync(cancellationToken);
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        await console.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape($"Starting llama-server for {model}..."), async status =>
            {
                provider.LocalServerBuildProgress = new LineProgress(line =>
                {
                    // Steps stay on screen; the spinner shows the latest one (the build's percentage).
                    if (!line.StartsWith("building llama-server:", StringComparison.Ordinal))
                    {
                        console.MarkupLine($"[grey]llama-server: {Markup.Escape(line)}[/]");
                    }

                    status.Status(Markup.Escape($"llama-server: {line}"));
                });
                await provider.InitializeAsync(cancellationToken);
            });
    }
}
