using System.CommandLine;
using OpenCode.Cli.Output;
using OpenCode.Client;
using OpenCode.Models;

namespace OpenCode.Cli.Commands;

/// <summary>
/// <c>opencode health</c>: whether the server is ready, and how fast it answered; exit code 4 when it is not. With
/// <c>instances</c> configured, each instance's state, models, latency and last error (exit code 4 when any is not healthy).
/// </summary>
internal static class HealthCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var command = new Command("health", "Check whether the server is up and ready.");
        CommandExecution.SetAction(command, context, common, (_, session, cancellationToken) => RunAsync(session, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CommandSession session, CancellationToken cancellationToken)
    {
        if (session.Settings.Options.Instances.Count > 0 && !session.Settings.IsDirect)
        {
            return await InstancesHealth.RunAsync(session, cancellationToken);
        }

        ServerHealth health;
        Uri endpoint;
        if (session.Settings.IsDirect)
        {
            await session.InitializeAsync(cancellationToken);
            endpoint = session.Provider.Endpoint!;
            health = await session.Provider.CheckHealthAsync(cancellationToken);
        }
        else
        {
            // Not through the provider: it would fail on an unreachable server instead of reporting it unhealthy.
            endpoint = new Uri(session.Settings.Options.ApiEndpoint!, UriKind.Absolute);
            using var client = new OpenCodeClient(OpenCodeClientOptions.FromOptions(session.Settings.Options, endpoint));
            endpoint = client.ServerRoot;
            health = await client.CheckHealthAsync(cancellationToken);
        }

        var report = HealthJson.From(health, endpoint);
        if (session.Arguments.Json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, report, CliJsonContext.Default.HealthJson);
        }
        else
        {
            HealthText.Write(session.Context.Out, report);
        }

        return health.IsHealthy ? ExitCodes.Success : ExitCodes.ServerFailure;
    }
}
