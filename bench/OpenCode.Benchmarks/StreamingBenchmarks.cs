using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OpenCode.Benchmarks;

/// <summary>
/// One operation = one chunk: each invocation streams a whole replayed response of <see cref="Chunks"/> chunks from an in-memory
/// handler (no socket, no server), and <c>OperationsPerInvoke</c> divides time and allocated bytes by the chunk count.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class StreamingBenchmarks
{
    public const int Chunks = 20_000;

    private readonly StringBuilder _sink = new(Chunks * 16);
    private ReplayTranscript _transcript = null!;
    private StreamClients _clients = null!;

    [GlobalSetup]
    public void Setup()
    {
        _transcript = ReplayTranscript.Load(ReplayTranscript.DefaultPath, Chunks);
        _clients = StreamClients.InMemoryAsync(_transcript, BenchLimits.Default).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _clients.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks, Description = "lean SseParser+Utf8JsonReader")]
    public Task<int> Lean()
    {
        _sink.Clear();
        return _clients.LeanAsync(_sink);
    }

    [Benchmark(OperationsPerInvoke = Chunks, Description = "OpenCodeProvider")]
    public Task<int> OpenCodeProvider()
    {
        _sink.Clear();
        return _clients.ProviderAsync(_sink);
    }

    [Benchmark(OperationsPerInvoke = Chunks, Description = "OpenCode IChatClient")]
    public Task<int> OpenCodeChatClient()
    {
        _sink.Clear();
        return _clients.RunAsync(ChatFaceClient.Index, _sink);
    }

    [Benchmark(OperationsPerInvoke = Chunks, Description = "OpenAI SDK 2.15")]
    public Task<int> OpenAiSdk()
    {
        _sink.Clear();
        return _clients.OpenAiSdkAsync(_sink);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: no generated project to build (the machine is offline and small); short job to stay within minutes.
            AddJob(Job.Default
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("InProcessShort"));
        }
    }
}
