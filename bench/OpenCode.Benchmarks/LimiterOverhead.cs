using System.Diagnostics;
using OpenCode.Configuration;
using OpenCode.Limits;

namespace OpenCode.Benchmarks;

/// <summary>
/// The cost of the client-side limiter per request: acquire, settle and release, from 16 concurrent callers.
/// Limits are set high so nobody waits: this measures bookkeeping, not throttling.
/// </summary>
internal static class LimiterOverhead
{
    public static async Task<int> RunAsync(int callers, TimeSpan duration)
    {
        using var limiter = new OpenCodeRateLimiter(new RateLimitOptions
        {
            RequestsPerMinute = int.MaxValue / 2,
            TokensPerMinute = int.MaxValue / 2,
            ConcurrentRequests = callers,
            MaxQueueSize = 1000,
        });

        await MeasureAsync(limiter, callers, TimeSpan.FromSeconds(3)); // warm-up: JIT and tiering
        var (operations, latencies, elapsed, cpu) = await MeasureAsync(limiter, callers, duration);
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];
        Console.WriteLine($"callers: {callers}, machine cores: {Environment.ProcessorCount}, duration: {elapsed.TotalSeconds:0.0} s, operations: {operations:N0}");
        Console.WriteLine($"per acquire+settle+release, as one caller sees it (ns): p50 {Percentile(0.5):0} p90 {Percentile(0.9):0} p99 {Percentile(0.99):0} mean {latencies.Average():0}");
        Console.WriteLine($"CPU per operation: {cpu.TotalMilliseconds * 1e6 / operations:0} ns; throughput {operations / elapsed.TotalSeconds:N0} ops/s");
        var snapshot = limiter.GetSnapshot();
        Console.WriteLine($"after the run: in flight {snapshot.InFlight}, queued {snapshot.Queued}, free slots {snapshot.AvailableSlots}");
        return snapshot.InFlight == 0 && snapshot.Queued == 0 ? 0 : 1;
    }

    private static async Task<(long Operations, List<double> LatenciesNs, TimeSpan Elapsed, TimeSpan Cpu)> MeasureAsync(OpenCodeRateLimiter limiter, int callers, TimeSpan duration)
    {
        var samples = new List<double>[callers];
        var counts = new long[callers];
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var mine = samples[i] = new List<double>(1 << 16);
            long n = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using (var grant = await limiter.AcquireAsync("model", 300))
                {
                    grant.Settle(120);
                }

                // Sample one call in 16 to keep the list small; the count covers all.
                if ((n++ & 15) == 0)
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds);
                }

                if ((n & 255) == 0)
                {
                    await Task.Yield();
                }
            }

            counts[i] = n;
        })));
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        return (counts.Sum(), [.. samples.SelectMany(s => s)], elapsed, cpu);
    }
}
