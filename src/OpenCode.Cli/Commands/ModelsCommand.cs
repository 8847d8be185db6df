using System.CommandLine;
using OpenCode.Cli.Output;
using OpenCode.Client;
using OpenCode.Models;

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
        var rows = new List<ModelJson>();
        foreach (var (name, provider) in InstanceTargets.For(session))
        {
            await using (name is null ? null : provider)
            {
                if (name is null)
                {
                    await session.InitializeAsync(cancellationToken);
                    rows.AddRange(await ListAsync(provider, cancellationToken));
                    continue;
                }

                try
                {
                    rows.AddRange((await ListAsync(provider, cancellationToken)).Select(row => row with { Instance = name }));
                }
                catch (OpenCodeException ex)
                {
                    // The other instances are still listed; `opencode health` tells more about this one.
                    await session.Context.Error.WriteLineAsync($"instance {name}: {ex.Code}: {ex.Message}");
                }
            }
        }

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

    private static async Task<List<ModelJson>> ListAsync(Provider.OpenCodeProvider provider, CancellationToken cancellationToken)
    {
        var models = await provider.ListModelsAsync(cancellationToken);
        var properties = await provider.GetService<OpenCodeClient>()!.GetServerPropertiesAsync(cancellationToken);
        var capabilities = await provider.GetCapabilitiesAsync(cancellationToken);
        var discovered = await provider.GetService<OpenCodeModelManager>()!.GetModelsAsync(cancellationToken);
        return [.. models.Select(model => ModelJson.From(model, properties, models.Count, capabilities, discovered.FirstOrDefault(d => d.Id == model.Id)))];
    }
}
