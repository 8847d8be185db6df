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
        var command = new Command("models", "List the models the server serves, and which are loaded where the server says.")
        {
            stats,
            Lifecycle(context, common, "load", "Load a model into memory (llama-server router mode, Ollama, direct mode) and wait until it is ready."),
            Lifecycle(context, common, "unload", "Release a model's memory (llama-server router mode, Ollama, direct mode); the next request loads it again."),
        };
        CommandExecution.SetAction(command, context, common, (parseResult, session, cancellationToken) =>
            parseResult.GetValue(stats) ? ModelStatsRunner.RunAsync(session, cancellationToken) : RunAsync(session, cancellationToken));
        return command;
    }

    /// <summary><c>models load NAME</c> and <c>models unload NAME</c>: through the provider, so an unsupported server is a typed error and its exit code.</summary>
    private static Command Lifecycle(CliContext context, CommonOptions common, string verb, string description)
    {
        var name = new Argument<string>("NAME") { Description = "The model id, as `opencode models` lists it." };
        var command = new Command(verb, description) { name };
        CommandExecution.SetAction(command, context, common, async (parseResult, session, cancellationToken) =>
        {
            var model = parseResult.GetValue(name)!;
            var task = verb == "load" ? session.Provider.LoadModelAsync(model, cancellationToken) : session.Provider.UnloadModelAsync(model, cancellationToken);
            await task;
            await session.Context.Out.WriteLineAsync(verb == "load" ? $"loaded {model}" : $"unloaded {model}");
            return ExitCodes.Success;
        });
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
        var capabilities = await provider.GetCapabilitiesAsync(cancellationToken);

        // A model run in this process has no server to ask.
        var properties = provider.GetService<OpenCodeClient>() is { } client ? await client.GetServerPropertiesAsync(cancellationToken) : null;
        var discovered = provider.GetService<OpenCodeModelManager>() is { } manager ? await manager.GetModelsAsync(cancellationToken) : [];
        return [.. models.Select(model => ModelJson.From(model, properties, models.Count, capabilities, discovered.FirstOrDefault(d => d.Id == model.Id)))];
    }
}
