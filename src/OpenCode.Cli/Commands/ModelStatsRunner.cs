using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary><c>models --stats</c>: one short completion per enabled model through the provider, then the provider's per-model measurements.</summary>
internal static class ModelStatsRunner
{
    private const string Probe = "def add(a, b):\n";

    public static async Task<int> RunAsync(CommandSession session, CancellationToken cancellationToken)
    {
        await session.InitializeAsync(cancellationToken);
        var models = await session.Provider.ListModelsAsync(cancellationToken);
        foreach (var model in models)
        {
            var request = new MessageRequest { Prompt = Probe, Model = model.Id, MaxTokens = session.Settings.DefaultMaxTokens ?? 16 };
            try
            {
                await session.Provider.SendMessageAsync(request, cancellationToken).ToCompletedMessageAsync(cancellationToken: cancellationToken);
            }
            catch (OpenCodeException)
            {
                // Counted as an error in the statistics; the other models are still measured.
            }
        }

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
