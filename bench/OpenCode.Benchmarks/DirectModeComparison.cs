using System.Diagnostics;
using System.Globalization;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// Direct mode in process against direct mode's llama-server on the same tiny model and thread count: time to the first token from a new
/// provider (model load or server start included), tokens per second, memory, and how long a cancelled stream takes to hand the model
/// to the next request. Bounded: a fixed number of runs; the server is stopped at the end.
/// </summary>
internal static class DirectModeComparison
{
    public static async Task<int> RunAsync(int tokens, int runs)
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("opencode-direct-").FullName, "direct.gguf");
        TinyModelFactory.Write(DemoModel.Spec with { Name = "direct" }, model);
        Console.WriteLine($"model {new FileInfo(model).Length / 1024} KiB, {tokens} tokens per run, {runs} runs, each mode's default decoding threads");
        foreach (var mode in new[] { LocalModelMode.InProcess, LocalModelMode.Server })
        {
            await MeasureAsync(model, mode, tokens, runs);
        }

        return 0;
    }

    private static async Task MeasureAsync(string model, LocalModelMode mode, int tokens, int runs)
    {
        long workingSetBefore = Environment.WorkingSet;
        var options = new OpenCodeOptions { ModelPath = model, Timeout = 300_000, LocalServer = { Mode = mode, ContextSize = 4096 } };
        var started = Stopwatch.StartNew();
        await using var provider = new OpenCodeProvider(options) { LocalModels = LocalModelBackendFactory.Instance };
        double firstToken = 0;
        await foreach (var chunk in provider.SendMessageAsync(new MessageRequest { Prompt = "int main", Mode = CompletionMode.Completion, MaxTokens = 1 }))
        {
            firstToken = firstToken == 0 ? started.Elapsed.TotalMilliseconds : firstToken;
        }

        var rates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var done = await provider.SendMessageAsync(new MessageRequest { Prompt = $"run {run}", Mode = CompletionMode.Completion, MaxTokens = tokens, Seed = run })
                .ToCompletedMessageAsync();
            rates.Add(done.Usage!.CompletionTokens / stopwatch.Elapsed.TotalSeconds);
        }

        var cancels = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            cancels.Add(await CancelThenNextAsync(provider, run));
        }

        long memory = Environment.WorkingSet - workingSetBefore;
        if (provider.GetService<LocalLlamaServer>() is { } server)
        {
            using var process = Process.GetProcessById(server.ProcessId);
            memory += process.WorkingSet64;
        }

        rates.Sort();
        cancels.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{mode,-9} first token from a new provider {firstToken,8:0.0} ms | tokens/s median {rates[runs / 2],7:0} (min {rates[0]:0}, max {rates[^1]:0}) | "
            + $"cancel -> next request's first token median {cancels[runs / 2]:0.0} ms (max {cancels[^1]:0.0}) | memory +{memory >> 20} MiB"));
    }

    /// <summary>Cancels a long stream after 20 chunks and times until the next request's first chunk: the model is free again.</summary>
    private static async Task<double> CancelThenNextAsync(OpenCodeProvider provider, int run)
    {
        using var cts = new CancellationTokenSource();
        var stopwatch = new Stopwatch();
        int chunks = 0;
        try
        {
            await foreach (var chunk in provider.SendMessageAsync(new MessageRequest { Prompt = $"long {run}", Mode = CompletionMode.Completion, MaxTokens = 3000 }, cts.Token))
            {
                if (++chunks == 20)
                {
                    stopwatch.Start();
                    await cts.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await foreach (var chunk in provider.SendMessageAsync(new MessageRequest { Prompt = "next", Mode = CompletionMode.Completion, MaxTokens = 1 }))
        {
            break;
        }

        return stopwatch.Elapsed.TotalMilliseconds;
    }
}
