using System.Diagnostics;
using System.Globalization;
using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// A bounded soak: thousands of streams through one provider against a loopback server that answers half of them with a
/// fault (<see cref="SoakFaults"/>), some abandoned by the caller mid-stream. Checks that every failure is an
/// <see cref="OpenCodeException"/>, every normal stream is whole, and that memory, connections, timers and limiter leases stay flat.
/// </summary>
internal static class SoakRun
{
    private const int MaxEventSize = 64 * 1024;

    public static async Task<int> RunAsync(int streams, int concurrency, int chunks)
    {
        var transcript = ReplayTranscript.Load(ReplayTranscript.DefaultPath, chunks);
        var faults = new SoakFaults(transcript, MaxEventSize);
        await using var server = await ReplayServer.StartAsync(transcript, faults.AnswerAsync);
        var options = new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Timeout = 5000, IdleTimeout = 300, MaxEventSize = MaxEventSize };
        options.Resilience.BaseDelay = 10;
        var ledger = new CountingUsageStore();
        var stores = OpenCode.Storage.OpenCodeStores.CreateInMemory();
        await using var provider = new OpenCodeProvider(options, stores: new OpenCode.Storage.OpenCodeStores { Usage = ledger, Cache = stores.Cache, Health = stores.Health });
        await provider.InitializeAsync();
        var request = new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 16 };
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var checkpoint = Math.Max(streams / 10, 1);
        var samples = new List<Sample>();

        Console.WriteLine($"{streams} streams, {concurrency} at a time, {transcript.Chunks} chunks each; half answered with one of {SoakFaults.Kinds} faults, every 25th abandoned after its first chunk");
        Console.WriteLine("streams | wall (s) | managed heap after GC (MB) | working set (MB) | timers | open fds | loopback TCP | leases in flight");
        samples.Add(Measure(0, provider, server.BaseAddress.Port, TimeSpan.Zero));
        Print(samples[^1]);
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = 0;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < streams)
            {
                outcomes.AddOrUpdate(await OneAsync(provider, request, transcript, abandon: index % 25 == 0), 1, (_, count) => count + 1);
                lock (gate)
                {
                    if (index + 1 - lastCheckpoint >= checkpoint)
                    {
                        lastCheckpoint = index + 1;
                        samples.Add(Measure(index + 1, provider, server.BaseAddress.Port, clock.Elapsed));
                        Print(samples[^1]);
                    }
                }
            }
        })));

        // Pooled connections idle out and the last timers fire: measured once more after a pause longer than the idle timeouts.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var end = Measure(streams, provider, server.BaseAddress.Port, clock.Elapsed);
        Console.Write("end   ");
        Print(end);
        Console.WriteLine($"ledger records: {ledger.Records}");
        Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));

        var steady = samples.Skip(2).ToList();
        var heapGrowth = steady.Count > 1 ? steady[^1].HeapMb - steady[0].HeapMb : 0;
        var untyped = outcomes.Where(o => o.Key.StartsWith("UNTYPED", StringComparison.Ordinal) || o.Key == "WRONG_TEXT").Sum(o => o.Value);
        var ok = untyped == 0 && heapGrowth < 1 && ledger.Records == streams && end.Leases == 0 && end.Timers <= samples[0].Timers + 4 && end.LoopbackTcp <= 2 * (concurrency + 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"untyped or wrong: {untyped}; heap growth from the 2nd checkpoint to the last: {heapGrowth:+0.0;-0.0} MB; timers {samples[0].Timers} -> {end.Timers}; loopback TCP at the end {end.LoopbackTcp}; leases {end.Leases}: {(ok ? "PASS" : "FAIL")}"));
        return ok ? 0 : 1;
    }

    /// <summary>Runs one stream; returns its outcome: OK, ABANDONED, an error code, or UNTYPED/WRONG_TEXT for what must never happen.</summary>
    private static async Task<string> OneAsync(OpenCodeProvider provider, MessageRequest request, ReplayTranscript transcript, bool abandon)
    {
        try
        {
            var text = new System.Text.StringBuilder();
            await foreach (var chunk in provider.SendMessageAsync(request))
            {
                text.Append(chunk.Content);
                if (abandon)
                {
                    return "ABANDONED";
                }
            }

            var content = text.ToString();
            return content == transcript.ExpectedContent ? "OK" : content == "whole" ? "OK_JSON" : "WRONG_TEXT";
        }
        catch (OpenCodeException ex)
        {
            return ex.Code;
        }
        catch (Exception ex)
        {
            return "UNTYPED " + ex.GetType().Name;
        }
    }

    private static Sample Measure(int done, OpenCodeProvider provider, int port, TimeSpan wall)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new Sample(
            done,
            wall.TotalSeconds,
            GC.GetTotalMemory(true) / 1048576.0,
            Environment.WorkingSet / 1048576.0,
            Timer.ActiveCount,
            Directory.GetFiles("/proc/self/fd").Length,
            LoopbackConnections(port),
            ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).InFlight);
    }

    /// <summary>Established TCP sockets of this process to or from the server's port (both ends are in this process).</summary>
    private static int LoopbackConnections(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var file in (string[])["/proc/net/tcp", "/proc/net/tcp6"])
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "01" && fields[2].EndsWith(":" + hex, StringComparison.Ordinal))
                {
                    // Client side only: the remote end is the server's port.
                    count++;
                }
            }
        }

        return count;
    }

    private static void Print(Sample s) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{s.Done,7} | {s.WallSeconds,8:0.0} | {s.HeapMb,26:0.0} | {s.WorkingSetMb,16:0.0} | {s.Timers,6} | {s.OpenFds,8} | {s.LoopbackTcp,12} | {s.Leases,16}"));

    private sealed record Sample(int Done, double WallSeconds, double HeapMb, double WorkingSetMb, long Timers, int OpenFds, int LoopbackTcp, int Leases);
}
