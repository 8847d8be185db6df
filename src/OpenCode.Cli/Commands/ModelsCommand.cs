using System.CommandLine;
using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode models</c>: the models the server serves, with context window, parameters and size.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var stats = new Option<bool>("--stats")
        {
            Description = "Measure each model with one short completion and print time to first token, tokens/s, latency and errors.",
        };
        var command = new Command("models", "List the models the server serves.") { stats };
        CommandExecution.SetAction(command, context, common, (parseResult, session, cancellationToken) =>
            parseResult.GetValue(stats) ? ModelStatsRunner.RunAsync(session, cancellationToken) : RunAsync(session, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CommandSession session, CancellationToken cancellationToken)
    {
        await session.InitializeAsync(cancellationToken);
        var models = await session.Provider.ListModelsAsync(cancellationToken);
        var properties = await session.Provider.Client.GetServerPropertiesAsync(cancellationToken);
        var capabilities = await session.Provider.GetCapabilitiesAsync(cancellationToken);
        var discovered = await session.Provider.ModelManager.GetModelsAsync(cancellationToken);
        var rows = models.Select(model => ModelJson.From(model, properties, models.Count, capabilities, discovered.FirstOrDefault(d => d.Id == model.Id))).ToList();
        if (session.Arguments.Json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, rows, CliJsonContext.Default.ListModelJson);
        }
        else
        {
            ModelsTable.Write(session.Context.Out, rows);
        }

        return ExitCodes.Success;
    }
}
