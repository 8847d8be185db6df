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
        command.SetAction((parseResult, cancellationToken) =>
        {
            var arguments = common.Read(parseResult);
            var system = parseResult.GetValue(generation.System);
            return CommandExecution.RunAsync(
                context,
                arguments,
                (session, token) => GenerationRunner.RunAsync(
                    session,
                    new MessageRequest
                    {
                        Messages = string.IsNullOrEmpty(system)
                            ? [Message.User(parseResult.GetRequiredValue(prompt))]
                            : [Message.System(system), Message.User(parseResult.GetRequiredValue(prompt))],
                        Mode = CompletionMode.Auto,
                        MaxTokens = parseResult.GetValue(generation.MaxTokens) ?? session.Settings.DefaultMaxTokens,
                        Temperature = parseResult.GetValue(generation.Temperature),
                    },
                    token),
                cancellationToken);
        });
        return command;
    }
}
