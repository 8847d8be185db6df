using System.Diagnostics;
using System.Text.Json;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// How long a real llama-server keeps generating after the caller cancels a stream: cancel after the 50th chunk, then poll
/// <c>/slots</c> until no slot is processing. Bounded: a fixed number of runs against one local server, stopped at the end.
/// </summary>
internal static class CancelLatency
{
    public static async Task<int> RunAsync(int runs)
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("opencode-cancel-").FullName, "cancel.gguf");
        TinyModelFactory.Write(new TinyModelSpec { Name = "cancel" }, model);
        await using var server = await LocalLlamaServer.StartAsync(model, new LocalServerOptions { ContextSize = 8192 });
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        using var http = new HttpClient();
        var samples = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stopwatch = new Stopwatch();
            var chunks = 0;
            try
            {
                var request = new MessageRequest { Messages = [Message.User($"run {run}")], MaxTokens = 6000 };
                await foreach (var chunk in provider.SendMessageAsync(request, cts.Token))
                {
                    if (++chunks == 50)
                    {
                        stopwatch.Start();
                        await cts.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            while (await IsProcessingAsync(http, server.BaseAddress) && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(1);
            }

            samples.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        Console.WriteLine($"cancel -> server idle over {runs} runs (ms): min {samples[0]:0.0}, median {samples[runs / 2]:0.0}, "
            + $"p95 {samples[(int)(runs * 0.95)]:0.0}, max {samples[^1]:0.0}");
        return 0;
    }

    private static async Task<bool> IsProcessingAsync(HttpClient http, Uri server)
    {
        using var slots = JsonDocument.Parse(await http.GetStringAsync(new Uri(server, "slots")));
        return slots.RootElement.EnumerateArray().Any(slot => slot.GetProperty("is_processing").GetBoolean());
    }
}
