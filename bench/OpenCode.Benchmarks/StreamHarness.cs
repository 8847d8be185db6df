using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenCode.Benchmarks;

/// <summary>
/// The end-to-end streaming benchmark: warm-up, then interleaved rounds of the four clients against an in-process Kestrel server
/// (and against an in-memory handler), then exact allocated bytes per chunk with the in-memory handler.
/// </summary>
internal static class StreamHarness
{
    /// <summary>The smallest object the 64-bit runtime allocates (header, method table, one pointer-sized slot).</summary>
    private const int MinObjectBytes = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IntOption(args, "--seconds", 30);
        var warmup = IntOption(args, "--warmup", 10);
        var chunks = IntOption(args, "--chunks", 20_000);
        var perSample = IntOption(args, "--streams-per-sample", 3);
        var allocStreams = IntOption(args, "--alloc-streams", 20);
        var transcriptPath = StringOption(args, "--transcript") ?? ReplayTranscript.DefaultPath;
        var limits = BenchLimits.Parse(StringOption(args, "--limits"));
        var limitOptions = new OpenCode.Configuration.RateLimitOptions();
        limits.Apply(limitOptions);

        var transcript = ReplayTranscript.Load(transcriptPath, chunks);
        var loadBefore = LoadAverage();
        Console.WriteLine($"# Streaming benchmark — {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine($"- machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode}");
        Console.WriteLine($"- transcript: {Path.GetFileName(transcriptPath)} expanded to {chunks:N0} one-token chunks ({transcript.Body.Length:N0} bytes of SSE)");
        Console.WriteLine($"- warm-up {warmup} s, measurement {seconds} s over sockets + {Math.Max(5, seconds / 2)} s in memory, {perSample} stream(s) per sample");
        Console.WriteLine($"- commit: {Commit()}");
        Console.WriteLine($"- provider's client-side limits: {limits.Describe(limitOptions)}");
        Console.WriteLine($"- load average before: {loadBefore}");
        Console.WriteLine();

        var sink = new StringBuilder(transcript.ExpectedContent.Length + 1024);
        await using var server = await ReplayServer.StartAsync(transcript);
        await using var socketClients = await StreamClients.ForServerAsync(server.BaseAddress, transcript, limits);
        await using var memoryClients = await StreamClients.InMemoryAsync(transcript, limits);

        await VerifyAsync(socketClients, transcript, sink);
        await VerifyAsync(memoryClients, transcript, sink);

        Console.Error.WriteLine($"warming up for {warmup} s…");
        var warmupClock = Stopwatch.StartNew();
        while (warmupClock.Elapsed.TotalSeconds < warmup)
        {
            for (var client = 0; client < StreamClients.Names.Count; client++)
            {
                sink.Clear();
                await socketClients.RunAsync(client, sink);
                sink.Clear();
                await memoryClients.RunAsync(client, sink);
            }
        }

        Console.Error.WriteLine($"measuring over sockets for {seconds} s…");
        var overSockets = await MeasureAsync(socketClients, transcript, sink, seconds, perSample);
        Console.Error.WriteLine("measuring in memory…");
        var inMemory = await MeasureAsync(memoryClients, transcript, sink, Math.Max(5, seconds / 2), perSample);
        Console.Error.WriteLine("measuring allocations…");
        var allocations = MeasureAllocations(memoryClients, transcript, sink, allocStreams);

        PrintThroughput("Throughput over sockets (in-process Kestrel, 127.0.0.1)", overSockets, allocations, transcript);
        PrintThroughput("Throughput in memory (no socket, no server: client CPU only)", inMemory, null, transcript);
        PrintAllocations(allocations, transcript, allocStreams);
        Console.WriteLine($"- load average after: {LoadAverage()}");
        return 0;
    }

    public static async Task<int> SpinAsync(int client, int seconds)
    {
        var transcript = ReplayTranscript.Load(ReplayTranscript.DefaultPath, 20_000);
        var sink = new StringBuilder(transcript.ExpectedContent.Length + 1024);
        await using var clients = await StreamClients.InMemoryAsync(transcript, BenchLimits.Default);

        // The first fifth of the time warms up (tiered JIT); the rest is measured, in wall time and in this process's CPU time.
        var clock = Stopwatch.StartNew();
        var warmUp = seconds / 5.0;
        long chunks = 0;
        var measuredFrom = TimeSpan.Zero;
        var cpuFrom = TimeSpan.Zero;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (measuredFrom == TimeSpan.Zero && clock.Elapsed.TotalSeconds >= warmUp)
            {
                (measuredFrom, cpuFrom, chunks) = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime, 0);
            }

            sink.Clear();
            chunks += await clients.RunAsync(client, sink);
        }

        var wall = clock.Elapsed - measuredFrom;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuFrom;
        Console.WriteLine(
            $"{StreamClients.Names[client]}: {chunks / wall.TotalSeconds:N0} chunks/s, {cpu.TotalNanoseconds / chunks:N0} ns CPU/chunk " +
            $"(load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")})");
        return 0;
    }

    private static async Task VerifyAsync(StreamClients clients, ReplayTranscript transcript, StringBuilder sink)
    {
        for (var client = 0; client < StreamClients.Names.Count; client++)
        {
            sink.Clear();
            var count = await clients.RunAsync(client, sink);
            if (count != transcript.Chunks || !sink.Equals(transcript.ExpectedContent.AsSpan()))
            {
                throw new InvalidOperationException(
                    $"{StreamClients.Names[client]} delivered {count} chunks / {sink.Length} chars; expected {transcript.Chunks} / {transcript.ExpectedContent.Length}.");
            }

            // The usage must be the replay's: the chunks streamed, not a fixed recorded count.
            if (client == 1 && !(clients.LastProviderChunk is
                {
                    IsDone: true,
                    FinishReason.Value: "length",
                    Metadata.Model: ReplayTranscript.ModelId,
                    Metadata.Usage: { Source: UsageSource.Reported, CachedPromptTokens: 0 } usage,
                } && usage.CompletionTokens == transcript.Chunks && usage.PromptTokens == transcript.PromptTokens))
            {
                throw new InvalidOperationException($"The provider's final chunk is wrong: finish {clients.LastProviderChunk?.FinishReason}, usage {clients.LastProviderChunk?.Metadata.Usage}.");
            }
        }
    }

    private static async Task<Samples> MeasureAsync(StreamClients clients, ReplayTranscript transcript, StringBuilder sink, int seconds, int perSample)
    {
        var samples = new Samples(StreamClients.Names.Count);
        var clock = Stopwatch.StartNew();
        var round = 0;
        var roundRates = new double[StreamClients.Names.Count];
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // Rotate the order each round so no client always runs first (or right after the same neighbour).
            for (var i = 0; i < StreamClients.Names.Count; i++)
            {
                var client = (i + round) % StreamClients.Names.Count;
                var started = Stopwatch.GetTimestamp();
                for (var s = 0; s < perSample; s++)
                {
                    sink.Clear();
                    await clients.RunAsync(client, sink);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                roundRates[client] = transcript.Chunks * perSample / elapsed.TotalSeconds;
            }

            samples.Add(roundRates);
            round++;
        }

        return samples;
    }

    private static Allocation[] MeasureAllocations(StreamClients clients, ReplayTranscript transcript, StringBuilder sink, int streams)
    {
        var result = new Allocation[StreamClients.Names.Count];
        for (var client = 0; client < StreamClients.Names.Count; client++)
        {
            for (var i = 0; i < 3; i++)
            {
                sink.Clear();
                clients.RunAsync(client, sink).GetAwaiter().GetResult();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var synchronous = true;
            var total = GC.GetTotalAllocatedBytes(precise: true);
            var thread = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < streams; i++)
            {
                sink.Clear();
                var task = clients.RunAsync(client, sink);
                synchronous &= task.IsCompleted;
                task.GetAwaiter().GetResult();
            }

            var threadBytes = GC.GetAllocatedBytesForCurrentThread() - thread;
            var totalBytes = GC.GetTotalAllocatedBytes(precise: true) - total;
            result[client] = new Allocation(totalBytes / (double)(streams * transcript.Chunks), threadBytes / (double)(streams * transcript.Chunks), synchronous);
        }

        return result;
    }

    private static void PrintThroughput(string title, Samples samples, Allocation[]? allocations, ReplayTranscript transcript)
    {
        Console.WriteLine($"## {title}");
        Console.WriteLine();
        Console.WriteLine($"{samples.Count} interleaved rounds; chunks/s is the median over rounds (p25–p75 in brackets); × lean is the median of the per-round ratios.");
        Console.WriteLine();
        Console.WriteLine(allocations is null
            ? "| client | chunks/s (median) | p25–p75 | × lean |"
            : "| client | chunks/s (median) | p25–p75 | × lean | bytes/chunk | allocations/chunk |");
        Console.WriteLine(allocations is null ? "|---|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|");
        for (var client = 0; client < StreamClients.Names.Count; client++)
        {
            var rates = samples.Of(client);
            var ratio = samples.RatioTo(client, 0);
            var row = $"| {StreamClients.Names[client]} | {Format(Percentile(rates, 0.5))} | {Format(Percentile(rates, 0.25))}–{Format(Percentile(rates, 0.75))} | {ratio:0.00} |";
            if (allocations is not null)
            {
                var bound = AllocationBound(client, allocations[client]);
                row += $" {allocations[client].TotalPerChunk:0.0} | {bound} |";
            }

            Console.WriteLine(row);
        }

        Console.WriteLine();
    }

    private static void PrintAllocations(Allocation[] allocations, ReplayTranscript transcript, int streams)
    {
        var chunkObject = MessageChunkBytes();
        var strings = MeanContentStringBytes(transcript);
        Console.WriteLine("## Allocations (in-memory handler, whole streams on the calling thread)");
        Console.WriteLine();
        Console.WriteLine($"{streams} streams × {transcript.Chunks:N0} chunks per client; per-stream costs (request, response, parser buffers) are included, spread over the chunks.");
        Console.WriteLine($"One MessageChunk = {chunkObject} bytes; a new Content string for it would be {strings:0.0} bytes on average (the transcript's tokens); the two = {chunkObject + strings:0.0} bytes.");
        Console.WriteLine($"allocations/chunk above is an upper bound: for the provider 1 MessageChunk + (bytes/chunk − {chunkObject}) / {MinObjectBytes}, for the others bytes/chunk / {MinObjectBytes} ({MinObjectBytes} bytes = the smallest object).");
        Console.WriteLine();
        Console.WriteLine("| client | bytes/chunk (all threads) | bytes/chunk (calling thread) | ran synchronously |");
        Console.WriteLine("|---|---:|---:|---|");
        for (var client = 0; client < StreamClients.Names.Count; client++)
        {
            var a = allocations[client];
            Console.WriteLine($"| {StreamClients.Names[client]} | {a.TotalPerChunk:0.0} | {a.ThreadPerChunk:0.0} | {(a.Synchronous ? "yes" : "no")} |");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// An upper bound on objects per chunk from exact byte counts: every provider chunk is one MessageChunk of known size; whatever
    /// else was allocated (Content strings, per-stream objects) is at most one object per <see cref="MinObjectBytes"/> bytes.
    /// </summary>
    private static string AllocationBound(int client, Allocation allocation)
    {
        if (client == 1)
        {
            var extra = Math.Max(0, allocation.TotalPerChunk - MessageChunkBytes());
            return $"≤ {1 + (extra / MinObjectBytes):0.00}";
        }

        return $"≤ {allocation.TotalPerChunk / MinObjectBytes:0.00}";
    }

    private static long MessageChunkBytes()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var chunk = new MessageChunk { Content = string.Empty, Metadata = new ChunkMetadata("tiny", null, DateTimeOffset.UnixEpoch) };
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(chunk);
        return bytes;
    }

    private static double MeanContentStringBytes(ReplayTranscript transcript)
    {
        var sizes = new Dictionary<int, long>();
        double sum = 0;
        foreach (var length in transcript.ContentLengths)
        {
            if (!sizes.TryGetValue(length, out var size))
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var text = new string('x', length);
                size = GC.GetAllocatedBytesForCurrentThread() - before;
                GC.KeepAlive(text);
                sizes[length] = size;
            }

            sum += size;
        }

        return sum / transcript.ContentLengths.Count;
    }

    private static string Format(double rate) => rate >= 1e6
        ? (rate / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M"
        : (rate / 1e3).ToString("0", CultureInfo.InvariantCulture) + " k";

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(index);
        var upper = (int)Math.Ceiling(index);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (index - lower));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>The commit the benchmark was built from (and whether the tree had changes), so every table can say what it measured.</summary>
    internal static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "describe --always --dirty --abbrev=7")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private readonly record struct Allocation(double TotalPerChunk, double ThreadPerChunk, bool Synchronous);

    private sealed class Samples(int clients)
    {
        private readonly List<double[]> _rounds = [];

        public int Count => _rounds.Count;

        public void Add(double[] rates)
        {
            if (rates.Length != clients)
            {
                throw new ArgumentException("One rate per client.", nameof(rates));
            }

            _rounds.Add((double[])rates.Clone());
        }

        public List<double> Of(int client) => [.. _rounds.Select(r => r[client])];

        public double RatioTo(int client, int reference) => Percentile([.. _rounds.Select(r => r[client] / r[reference])], 0.5);
    }
}
