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

    /// <summary>
    /// <c>models load NAME</c> and <c>models unload NAME</c>: through the provider, so an unsupported server is a typed error and its exit
    /// code. With <c>instances</c> configured, every instance that serves the model loads or unloads it.
    /// </summary>
    private static Command Lifecycle(CliContext context, CommonOptions common, string verb, string description)
    {
        var name = new Argument<string>("NAME") { Description = "The model id, as `opencode models` lists it." };
        var command = new Command(verb, description) { name };
        CommandExecution.SetAction(command, context, common, async (parseResult, session, cancellationToken) =>
        {
            var model = parseResult.GetValue(name)!;
            var load = verb == "load";
            if (session.Settings.Options.Instances.Count == 0 || session.Settings.IsDirect)
            {
                await ChangeAsync(session.Provider, model, load, cancellationToken);
                await session.Context.Out.WriteLineAsync($"{(load ? "loaded" : "unloaded")} {model}");
                return ExitCodes.Success;
            }

            return await ChangeOnInstancesAsync(session, model, load, cancellationToken);
        });
        return command;
    }

    private static Task ChangeAsync(Provider.OpenCodeProvider provider, string model, bool load, CancellationToken cancellationToken) =>
        load ? provider.LoadModelAsync(model, cancellationToken) : provider.UnloadModelAsync(model, cancellationToken);

    /// <summary>
    /// Loads or unloads the model on every instance whose model list names it. An instance that fails is reported and the others go
    /// on; the exit code is that of the last failure. No instance serving it is MODEL_NOT_FOUND naming the instances.
    /// </summary>
    private static async Task<int> ChangeOnInstancesAsync(CommandSession session, string model, bool load, CancellationToken cancellationToken)
    {
        var served = false;
        OpenCodeException? failure = null;
        foreach (var (instance, provider) in InstanceTargets.For(session))
        {
            await using (provider)
            {
                try
                {
                    if ((await provider.ListModelsAsync(cancellationToken)).All(m => m.Id != model))
                    {
                        continue;
                    }

                    served = true;
                    await ChangeAsync(provider, model, load, cancellationToken);
                    await session.Context.Out.WriteLineAsync($"{(load ? "loaded" : "unloaded")} {model} on {instance}");
                }
                catch (OpenCodeException ex)
                {
                    failure = ex;
                    await session.Context.Error.WriteLineAsync($"instance {instance}: {ex.Code}: {ex.Message}");
                }
            }
        }

        if (!served && failure is null)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound,
                $"No instance serves model '{model}' (instances: {string.Join(", ", session.Settings.Options.Instances.Select(i => i.Name))}); `opencode models` lists what each serves.");
        }

        return failure is null ? ExitCodes.Success : ExitCodes.For(failure.Code);
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
