using System.CommandLine;
using Spectre.Console;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode bench [PROMPT]</c>: the same prompt across the discovered models, with a progress bar on stderr, then a table sorted by latency.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var prompt = new Argument<string?>("PROMPT") { Description = "The raw prompt every model completes.", Arity = ArgumentArity.ZeroOrOne };
        var runs = NumberOptions.Int("--runs", 1, 1000, defaultValue: 3);
        runs.Description = "How many times each model runs the prompt (1 to 1000).";
        runs.HelpName = "N";
        var generation = new GenerationOptions();
        var command = new Command("bench", "Run the same prompt on every model the server serves and compare TTFT, tokens/s and latency.")
        {
            prompt, runs, generation.MaxTokens,
        };
        CommandExecution.SetAction(command, context, common, async (parseResult, session, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
            var text = parseResult.GetValue(prompt) ?? ModelStatsRunner.DefaultPrompt;
            var maxTokens = parseResult.GetValue(generation.MaxTokens) ?? session.Settings.DefaultMaxTokens ?? 32;
            var code = 0;
            await console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask("bench");
                code = await ModelStatsRunner.RunAsync(session, text, parseResult.GetValue(runs), maxTokens, (done, total, model) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = done;
                    task.Description = Markup.Escape(model.Length > 0 ? model : "done");
                }, cancellationToken);
            });
            return code;
        });
        return command;
    }
}
