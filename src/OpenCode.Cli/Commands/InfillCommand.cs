using System.CommandLine;
using OpenCode.Completion;

namespace OpenCode.Cli.Commands;

/// <summary>
/// <c>opencode infill</c>: code completion at a cursor in a file (<c>--file PATH --cursor LINE:COL</c>, through the completion service:
/// token budgets, stop rules, filters), or a raw fill-in-the-middle between <c>--prefix</c> and <c>--suffix</c>, streamed.
/// </summary>
internal static class InfillCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var prefix = new Option<string?>("--prefix") { Description = "The code before the cursor (raw fill-in-the-middle; not with --cursor).", HelpName = "CODE" };
        var suffix = new Option<string?>("--suffix") { Description = "The code after the cursor (default: none; not with --cursor).", HelpName = "CODE" };
        var files = new Option<string[]>("--file")
        {
            Description = "With --cursor: the document to complete in. With --prefix: a file given as context (llama.cpp input_extra); repeatable.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = false,
        };
        var cursor = new Option<string?>("--cursor") { Description = "Where to complete in --file, as LINE:COL (1-based).", HelpName = "LINE:COL" };
        var contextFiles = new Option<string[]>("--context")
        {
            Description = "Another file given as context for --cursor; repeatable, most useful first.",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var lineMode = new Option<CompletionLineMode>("--line-mode")
        {
            Description = "With --cursor: auto, singleline or multiline (default: auto, from the cursor's line).",
            DefaultValueFactory = _ => CompletionLineMode.Auto,
        };
        var generation = new GenerationOptions();
        var command = new Command("infill", "Complete code at a cursor in a file, or fill in the code between a prefix and a suffix.")
        {
            prefix, suffix, files, cursor, contextFiles, lineMode, generation.MaxTokens, generation.Temperature,
        };
        CommandExecution.SetAction(command, context, common, async (parseResult, session, cancellationToken) =>
        {
            if (parseResult.GetValue(cursor) is { } at)
            {
                if (parseResult.GetValue(prefix) is not null || parseResult.GetValue(suffix) is not null)
                {
                    throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "--cursor completes in --file; --prefix and --suffix cannot be used with it.");
                }

                var document = parseResult.GetValue(files) is [var single] ? single
                    : throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "--cursor needs exactly one --file: the document to complete in.");
                var options = new CompletionCliOptions(
                    document, at, parseResult.GetValue(contextFiles) ?? [], parseResult.GetValue(lineMode),
                    parseResult.GetValue(generation.MaxTokens), parseResult.GetValue(generation.Temperature));
                return await CodeCompletionRunner.RunAsync(session, options, cancellationToken);
            }

            if (parseResult.GetValue(prefix) is not { } code)
            {
                throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "infill needs --file PATH --cursor LINE:COL, or --prefix CODE.");
            }

            var extra = new List<InfillFile>();
            foreach (var name in parseResult.GetValue(files) ?? [])
            {
                extra.Add(new InfillFile(name, await CodeCompletionRunner.ReadAsync("--file", name, cancellationToken)));
            }

            var request = new InfillRequest
            {
                Prefix = code,
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
