using System.Diagnostics;
using System.Globalization;
using OpenCode.Configuration;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>
/// Many requests through one provider with the defaults a user gets (in-memory stores, default limits), to show what a
/// long-running process keeps per request: after a warm-up, the managed heap after a full GC must not grow by more than
/// a few bytes per request. The clock moves forward between requests (default 1.1 s, under the default 60 requests/min),
/// so 12,000 requests span ~3.7 hours of the provider's life.
/// </summary>
internal static class ScaleRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = IntOption(args, "--requests", 10_000);
        var warmup = IntOption(args, "--warmup", 2_000);
        var maxBytesPerRequest = IntOption(args, "--max-bytes-per-request", 8);
        var step = TimeSpan.FromMilliseconds(IntOption(args, "--step-ms", 1_100));
        var blocks = 5;

        var transcript = ReplayTranscript.Load(ReplayTranscript.DefaultPath, 16);
        var clock = new FastForwardClock();
        using var http = new HttpClient(new ReplayHandler(transcript)) { Timeout = Timeout.InfiniteTimeSpan };
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = ReplayHandler.Root.ToString() }, http, timeProvider: clock);
        await provider.InitializeAsync();
        var request = new MessageRequest { Messages = [Message.User("Reverse a string in C#.")], MaxTokens = transcript.Chunks };

        Console.WriteLine($"scale: {warmup:N0} warm-up + {requests:N0} measured requests through one provider (defaults, in-memory handler, {transcript.Chunks} chunks each), clock +{step.TotalSeconds:0.###} s per request; commit {StreamHarness.Commit()}");
        Console.WriteLine("requests | simulated time | managed heap after GC (bytes) | working set (MB) | wall (s)");
        var wall = Stopwatch.StartNew();
        var errors = await RunBlockAsync(provider, request, clock, step, warmup, transcript.ExpectedContent);
        var baseline = HeapAfterGc();
        Console.WriteLine($"{warmup,8:N0} | {clock.Offset,14:hh\\:mm\\:ss} | {baseline,29:N0} | {Environment.WorkingSet / 1048576.0,16:0.0} | {wall.Elapsed.TotalSeconds,8:0.0}");
        var done = 0;
        long heap = baseline;
        for (var block = 1; block <= blocks; block++)
        {
            var count = (requests * block / blocks) - done;
            errors += await RunBlockAsync(provider, request, clock, step, count, transcript.ExpectedContent);
            done += count;
            heap = HeapAfterGc();
            Console.WriteLine($"{warmup + done,8:N0} | {clock.Offset,14:hh\\:mm\\:ss} | {heap,29:N0} | {Environment.WorkingSet / 1048576.0,16:0.0} | {wall.Elapsed.TotalSeconds,8:0.0}");
        }

        var perRequest = (heap - baseline) / (double)requests;
        var ok = errors == 0 && perRequest <= maxBytesPerRequest;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"errors: {errors}; heap growth over {requests:N0} requests: {heap - baseline:+#,0;-#,0;0} bytes = {perRequest:+0.0;-0.0;0} bytes/request (limit {maxBytesPerRequest}); {(ok ? "ok" : "FAILED")}"));
        return ok ? 0 : 1;
    }

    private static async Task<int> RunBlockAsync(OpenCodeProvider provider, MessageRequest request, FastForwardClock clock, TimeSpan step, int count, string expected)
    {
        var errors = 0;
        for (var i = 0; i < count; i++)
        {
            try
            {
                var answer = await provider.SendMessageAsync(request).ToCompletedMessageAsync();
                errors += answer.Content == expected ? 0 : 1;
            }
            catch (OpenCodeException ex)
            {
                Console.Error.WriteLine($"  {ex.Code}: {ex.Message}");
                errors++;
            }

            clock.Advance(step);
        }

        return errors;
    }

    private static long HeapAfterGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
