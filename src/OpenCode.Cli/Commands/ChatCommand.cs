using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode chat PROMPT</c>: sends the prompt as a user message (after an optional system message) and streams the answer.</summary>
internal static class ChatCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var prompt = new Argument<string>("PROMPT") { Description = "What to ask the model." };
        var generation = new GenerationOptions();
        var command = new Command("chat", "Chat with the model: stream its answer to a prompt.")
        {
            prompt, generation.MaxTokens, generation.Temperature, generation.System,
        };
        CommandExecution.SetAction(command, context, common, (parseResult, session, cancellationToken) =>
        {
            var user = Message.User(parseResult.GetRequiredValue(prompt));
            var request = new MessageRequest
            {
                Messages = parseResult.GetValue(generation.System) is { Length: > 0 } system ? [Message.System(system), user] : [user],
                Mode = CompletionMode.Auto,
                MaxTokens = parseResult.GetValue(generation.MaxTokens) ?? session.Settings.DefaultMaxTokens,
                Temperature = parseResult.GetValue(generation.Temperature),
            };
            return GenerationRunner.RunAsync(session, request, cancellationToken);
        });
        return command;
    }
}
