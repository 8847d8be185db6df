using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode infill --prefix … --suffix …</c>: fill in the middle (llama.cpp <c>/infill</c>, else the family's FIM format), streamed.</summary>
internal static class InfillCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var prefix = new Option<string>("--prefix") { Description = "The code before the cursor.", HelpName = "CODE", Required = true };
        var suffix = new Option<string?>("--suffix") { Description = "The code after the cursor (default: none).", HelpName = "CODE" };
        var files = new Option<string[]>("--file")
        {
            Description = "A file whose text is given as context (llama.cpp input_extra); repeatable.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var generation = new GenerationOptions();
        var command = new Command("infill", "Fill in the code between a prefix and a suffix and stream it.")
        {
            prefix, suffix, files, generation.MaxTokens, generation.Temperature,
        };
        CommandExecution.SetAction(command, context, common, async (parseResult, session, cancellationToken) =>
        {
            var extra = new List<InfillFile>();
            foreach (var name in parseResult.GetValue(files) ?? [])
            {
                try
                {
                    extra.Add(new InfillFile(name, await File.ReadAllTextAsync(name, cancellationToken)));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"--file: cannot read '{name}': {ex.Message}");
                }
            }

            var request = new InfillRequest
            {
                Prefix = parseResult.GetRequiredValue(prefix),
                Suffix = parseResult.GetValue(suffix) ?? string.Empty,
                ExtraFiles = extra,
                MaxTokens = parseResult.GetValue(generation.MaxTokens) ?? session.Settings.DefaultMaxTokens,
                Temperature = parseResult.GetValue(generation.Temperature),
            };
            return await GenerationRunner.RunAsync(session, provider => provider.InfillAsync(request, cancellationToken), cancellationToken);
        });
        return command;
    }
}
