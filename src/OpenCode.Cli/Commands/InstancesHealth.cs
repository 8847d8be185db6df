using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary><c>opencode health</c> with <c>instances</c>: probes every instance through a router and reports each.</summary>
internal static class InstancesHealth
{
    public static async Task<int> RunAsync(CommandSession session, CancellationToken cancellationToken)
    {
        var options = session.Settings.Options;
        await using var router = GenerationRunner.CreateRouter(session);
        var statistics = await router.CheckHealthAsync(cancellationToken);
        var report = statistics.Instances
            .Select(i => InstanceHealthJson.From(i, options.Instances.First(o => o.Name == i.Name).ApiEndpoint))
            .ToList();
        if (session.Arguments.Json)
        {
            await JsonOutput.WriteAsync(session.Context.Out, report, CliJsonContext.Default.ListInstanceHealthJson);
        }
        else
        {
            InstanceHealthText.Write(session.Context.Out, report);
        }

        return report.TrueForAll(i => i.Healthy) ? ExitCodes.Success : ExitCodes.ServerFailure;
    }
}
