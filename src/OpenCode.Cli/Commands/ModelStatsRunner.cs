using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary>
/// <c>models --stats</c> and <c>bench</c>: the same prompt through the provider for every enabled model, then the provider's per-model measurements,
/// fastest median latency first.
/// </summary>
internal static class ModelStatsRunner
{
    public const string DefaultPrompt = "def add(a, b):\n";

    public static Task<int> RunAsync(CommandSession session, CancellationToken cancellationToken) =>
        RunAsync(session, DefaultPrompt, runs: 1, session.Settings.DefaultMaxTokens ?? 16, progress: null, cancellationToken);

    public static async Task<int> RunAsync(
        CommandSession session, string prompt, int runs, int maxTokens, Action<int, int, string>? progress, CancellationToken cancellationToken)
    {
        await session.InitializeAsync(cancellationToken);
        var models = await session.Provider.ListModelsAsync(cancellationToken);
        var done = 0;
        foreach (var model in models)
        {
            for (var run = 0; run < runs; run++)
            {
                progress?.Invoke(done++, models.Count * runs, model.Id);
                var request = new MessageRequest { Prompt = prompt, Model = model.Id, MaxTokens = maxTokens };
                try
                {
                    await session.Provider.SendMessageAsync(request, cancellationToken).ToCompletedMessageAsync(cancellationToken: cancellationToken);
                }
                catch (OpenCodeException)
                {
                    // Counted as an error in the statistics; the other models are still measured.
                }
            }
        }

        progress?.Invoke(done, models.Count * runs, string.Empty);

        var rows = session.Provider.Performance.GetSnapshot().Select(ModelStatsJson.From).ToList();
        if (session.Arguments.Json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, rows, CliJsonContext.Default.ListModelStatsJson);
        }
        else
        {
            ModelStatsTable.Write(session.Context.Out, rows);
        }

        return ExitCodes.Success;
    }
}
