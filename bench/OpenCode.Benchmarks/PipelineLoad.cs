using System.Diagnostics;
using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// Rounds of 256 concurrent streams through the whole provider pipeline (limiter, resilience, telemetry, wire client)
/// against the in-process replay server; checks that none fails and that memory stays flat from round to round.
/// </summary>
internal static class PipelineLoad
{
    public static async Task<int> RunAsync(int streams, int rounds, int chunks)
    {
        var transcript = ReplayTranscript.Load(ReplayTranscript.DefaultPath, chunks);
        await using var server = await ReplayServer.StartAsync(transcript);
        var options = new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Timeout = 300_000 };
        options.RateLimits.ConcurrentRequests = 20;
        options.RateLimits.MaxQueueSize = 1000;
        options.RateLimits.RequestsPerMinute = 1000;
        options.RateLimits.TokensPerMinute = 1_000_000;
        options.RateLimits.QueueTimeout = 300_000;
        await using var provider = new OpenCodeProvider(options);
        await provider.InitializeAsync();
        var request = new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 16 };

        Console.WriteLine($"{streams} concurrent streams x {rounds} rounds, {transcript.Chunks} chunks each; limits: 20 slots, queue 1000, 1000 requests/min");
        Console.WriteLine("round | errors | wall (s) | managed heap after GC (MB) | working set (MB)");
        var errors = 0;
        var heaps = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
            {
                try
                {
                    var answer = await provider.SendMessageAsync(request).ToCompletedMessageAsync();
                    return answer.Content == transcript.ExpectedContent ? 0 : 1;
                }
                catch (OpenCodeException ex)
                {
                    Console.Error.WriteLine($"  {ex.Code}: {ex.Message}");
                    return 1;
                }
            }));
            var roundErrors = results.Sum();
            errors += roundErrors;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var heap = GC.GetTotalMemory(true) / 1048576.0;
            heaps.Add(heap);
            Console.WriteLine($"{round,5} | {roundErrors,6} | {clock.Elapsed.TotalSeconds,8:0.00} | {heap,26:0.0} | {Environment.WorkingSet / 1048576.0,16:0.0}");
        }

        var snapshot = ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!);
        var growth = heaps[^1] - heaps[Math.Min(1, heaps.Count - 1)];
        Console.WriteLine($"errors: {errors}; heap growth from round 2 to the last: {growth:+0.0;-0.0} MB; limiter after: in flight {snapshot.InFlight}, queued {snapshot.Queued}");
        return errors == 0 && growth < 5 && snapshot.InFlight == 0 ? 0 : 1;
    }
}
