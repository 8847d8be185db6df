using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode complete PROMPT</c>: a plain completion of a raw prompt (<c>/v1/completions</c>), streamed.</summary>
internal static class CompleteCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var prompt = new Argument<string>("PROMPT") { Description = "The raw text the model continues (no chat template)." };
        var generation = new GenerationOptions();
        var command = new Command("complete", "Continue a raw prompt (plain completion, no chat template) and stream the text.")
        {
            prompt, generation.MaxTokens, generation.Temperature,
        };
        CommandExecution.SetAction(command, context, common, (parseResult, session, cancellationToken) =>
        {
            var request = new MessageRequest
            {
                Prompt = parseResult.GetRequiredValue(prompt),
                MaxTokens = parseResult.GetValue(generation.MaxTokens) ?? session.Settings.DefaultMaxTokens,
                Temperature = parseResult.GetValue(generation.Temperature),
            };
            return GenerationRunner.RunAsync(session, request, cancellationToken);
        });
        return command;
    }
}
