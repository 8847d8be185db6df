using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary>Sends one request and prints the answer: streamed text, or one JSON object at the end with <c>--json</c>.</summary>
internal static class GenerationRunner
{
    public static Task<int> RunAsync(CommandSession session, MessageRequest request, CancellationToken cancellationToken) =>
        RunAsync(session, provider => provider.SendMessageAsync(request, cancellationToken), cancellationToken);

    /// <summary>Runs any generation of the provider (chat, completion, infill) with the same output.</summary>
    public static async Task<int> RunAsync(CommandSession session, Func<Provider.OpenCodeProvider, IAsyncEnumerable<MessageChunk>> generate, CancellationToken cancellationToken)
    {
        await session.InitializeAsync(cancellationToken);
        var json = session.Arguments.Json;
        var printer = new StreamPrinter(session.Context, showReasoning: session.Arguments.Verbose);
        CompletedMessage completed;
        try
        {
            completed = await generate(session.Provider)
                .ToCompletedMessageAsync(json ? null : printer.Write, cancellationToken: cancellationToken);
        }
        finally
        {
            // Whatever happened, leave the terminal on a fresh line after a partial answer.
            printer.EndLine();
        }

        if (json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, GenerationJson.From(completed), CliJsonContext.Default.GenerationJson);
        }

        return ExitCodes.Success;
    }
}
