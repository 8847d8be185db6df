using OpenCode.Cli.Output;
using OpenCode.Provider;

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
        var rows = new List<ModelStatsJson>();
        foreach (var (name, provider) in InstanceTargets.For(session))
        {
            await using (provider == session.Provider ? null : provider)
            {
                if (provider == session.Provider)
                {
                    await session.InitializeAsync(cancellationToken);
                }

                await MeasureAsync(session.Context.Error, provider, name, prompt, runs, maxTokens, progress, cancellationToken);
                rows.AddRange(provider.Performance.GetSnapshot().Select(ModelStatsJson.From));
            }
        }

        rows.Sort((a, b) => (a.LatencyMsP50 ?? double.MaxValue).CompareTo(b.LatencyMsP50 ?? double.MaxValue));
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

    private static async Task MeasureAsync(
        TextWriter error,
        OpenCodeProvider provider, string? instance, string prompt, int runs, int maxTokens, Action<int, int, string>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<Models.ModelInfo> models;
        try
        {
            models = await provider.ListModelsAsync(cancellationToken);
        }
        catch (OpenCodeException ex) when (instance is not null)
        {
            // An instance that is down is left out of the table, and said so; the others are still measured.
            await error.WriteLineAsync($"instance {instance}: {ex.Code}: {ex.Message}");
            return;
        }

        var done = 0;
        foreach (var model in models)
        {
            for (var run = 0; run < runs; run++)
            {
                progress?.Invoke(done++, models.Count * runs, instance is null ? model.Id : $"{instance}/{model.Id}");
                var request = new MessageRequest { Prompt = prompt, Model = model.Id, MaxTokens = maxTokens };
                try
                {
                    await provider.SendMessageAsync(request, cancellationToken).ToCompletedMessageAsync(cancellationToken: cancellationToken);
                }
                catch (OpenCodeException)
                {
                    // Counted as an error in the statistics; the other models are still measured.
                }
            }
        }

        progress?.Invoke(done, models.Count * runs, string.Empty);
    }
}
