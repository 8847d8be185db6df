using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Configuration;
using OpenCode.Routing;

namespace OpenCode.Benchmarks;

/// <summary>
/// What the router adds per request: pick, failover bookkeeping, health and statistics, over in-memory instances that answer
/// at once. Compares enumerating the router with enumerating an instance directly; the difference is the routing overhead.
/// </summary>
internal static class RoutingOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        Console.WriteLine($"requests per run: {requests}; 3 in-memory instances; times are per request");
        Console.WriteLine("policy               direct µs   routed µs   overhead µs   routed B/req");
        foreach (var policy in new[] { "leastOutstanding", "powerOfTwoChoices", "latencyWeighted", "roundRobin" })
        {
            var instances = Enumerable.Range(0, 3).Select(i => new MemoryInstance($"i{i}")).ToArray();
            var options = new OpenCodeOptions { Routing = { LoadBalancing = policy, Health = { ProbeInterval = 3600 } } };
            await using var router = new OpenCodeRouter(
                instances, new RouterDependencies(options, TimeProvider.System, new Random(7), NullLogger.Instance, null, null));
            await router.InitializeAsync();
            var request = new MessageRequest { Messages = [Message.User("hi")], Model = "m", MaxTokens = 1 };

            // Warm up both paths, then take the best of three runs of each to keep scheduler noise out.
            await TimeAsync(instances[0], request, requests / 10);
            await TimeAsync(router, request, requests / 10);
            var direct = double.MaxValue;
            var routed = double.MaxValue;
            long bytes = 0;
            for (var run = 0; run < 3; run++)
            {
                direct = Math.Min(direct, (await TimeAsync(instances[0], request, requests)).Microseconds);
                var (microseconds, allocated) = await TimeAsync(router, request, requests);
                routed = Math.Min(routed, microseconds);
                bytes = allocated;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{policy,-20} {direct,9:0.000}   {routed,9:0.000}   {routed - direct,11:0.000}   {bytes,12}"));
        }

        return 0;
    }

    private static Task<(double Microseconds, long BytesPerRequest)> TimeAsync(MemoryInstance instance, MessageRequest request, int count) =>
        TimeAsync(token => instance.SendMessageAsync(request, token), count);

    private static Task<(double Microseconds, long BytesPerRequest)> TimeAsync(OpenCodeRouter router, MessageRequest request, int count) =>
        TimeAsync(token => router.SendMessageAsync(request, token), count);

    private static async Task<(double Microseconds, long BytesPerRequest)> TimeAsync(Func<CancellationToken, IAsyncEnumerable<MessageChunk>> send, int count)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await foreach (var chunk in send(CancellationToken.None).ConfigureAwait(false))
            {
                GC.KeepAlive(chunk);
            }
        }

        watch.Stop();
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / count;
        return (watch.Elapsed.TotalMicroseconds / count, bytes);
    }

    /// <summary>An instance that answers from memory at once: one text chunk and a final one.</summary>
    private sealed class MemoryInstance(string name) : IRoutedInstance
    {
        private static readonly MessageChunk Text = new() { Content = "x", Metadata = new ChunkMetadata("m", null, DateTimeOffset.UnixEpoch) };
        private static readonly MessageChunk Final = new()
        {
            IsDone = true,
            FinishReason = FinishReason.Length,
            Metadata = new ChunkMetadata("m", new TokenUsage(1, 1, UsageSource.Reported), DateTimeOffset.UnixEpoch),
        };

        public string Name => name;

        public Task<IReadOnlyList<RoutedModel>> DiscoverModelsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<RoutedModel>>([new RoutedModel("m", 4096)]);

        public Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new ProviderCapabilities { Model = "m" });

        public async IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            yield return Text;
            yield return Final;
        }

        public Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new EmbeddingResult([.. request.Inputs.Select(_ => new ReadOnlyMemory<float>([1f]))], "m", new TokenUsage(1, 0, UsageSource.Reported), DateTimeOffset.UnixEpoch));

        public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new ProbeResult(true, TimeSpan.Zero, null));

        public Task<int?> CountTokensAsync(string text, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
