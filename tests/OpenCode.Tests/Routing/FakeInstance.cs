using System.Runtime.CompilerServices;
using OpenCode.Routing;

namespace OpenCode.Tests.Routing;

/// <summary>A scripted instance: serves the given models, answers with its name, or fails as told.</summary>
internal sealed class FakeInstance(string name, params string[] models) : IRoutedInstance
{
    private int _sent;

    public string Name => name;

    public string[] Models { get; set; } = models.Length == 0 ? ["m"] : models;

    public int? ContextWindow { get; set; }

    /// <summary>Gets or sets the error thrown before the first chunk, or <see langword="null"/> to answer.</summary>
    public OpenCodeException? FailBeforeFirstChunk { get; set; }

    /// <summary>Gets or sets the error thrown after the first chunk, or <see langword="null"/>.</summary>
    public OpenCodeException? FailAfterFirstChunk { get; set; }

    /// <summary>Gets or sets the error discovery throws, or <see langword="null"/>.</summary>
    public OpenCodeException? FailDiscovery { get; set; }

    public bool ProbeHealthy { get; set; } = true;

    public int Probes { get; private set; }

    public int Sent => Volatile.Read(ref _sent);

    public List<MessageRequest> Requests { get; } = [];

    /// <summary>Gets or sets tokens per character counted by the fake tokenizer; <see langword="null"/> has no tokenizer.</summary>
    public int? TokensPerChar { get; set; }

    /// <summary>Gets or sets a task discovery waits for, to script a slow server; <see langword="null"/> answers at once.</summary>
    public Task? DiscoveryGate { get; set; }

    public async Task<IReadOnlyList<RoutedModel>> DiscoverModelsAsync(CancellationToken cancellationToken)
    {
        if (DiscoveryGate is { } gate)
        {
            await gate;
        }

        return FailDiscovery is { } error ? throw error : [.. Models.Select(m => new RoutedModel(m, ContextWindow))];
    }

    /// <summary>Gets the sampling defaults the instance reports in its capabilities.</summary>
    public OpenCode.Models.SamplingDefaults? Sampling { get; init; }

    public Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderCapabilities { Model = Models[0], AvailableModels = Models, ContextWindow = ContextWindow, SamplingDefaults = Sampling });

    public async IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        lock (Requests)
        {
            Requests.Add(request);
        }

        await Task.Yield();
        if (FailBeforeFirstChunk is { } before)
        {
            throw before;
        }

        var metadata = new ChunkMetadata(request.Model ?? Models[0], null, DateTimeOffset.UnixEpoch);
        yield return new MessageChunk { Content = name, Metadata = metadata };
        if (FailAfterFirstChunk is { } after)
        {
            throw after;
        }

        yield return new MessageChunk { IsDone = true, FinishReason = FinishReason.Stop, Metadata = metadata with { Usage = new TokenUsage(3, 1, UsageSource.Reported) } };
    }

    /// <summary>Answers one vector per input, <c>[instance name length, input length]</c>, or fails with <see cref="FailBeforeFirstChunk"/>.</summary>
    public Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return FailBeforeFirstChunk is { } error
            ? Task.FromException<EmbeddingResult>(error)
            : Task.FromResult(new EmbeddingResult(
                [.. request.Inputs.Select(i => new ReadOnlyMemory<float>([name.Length, i.Length]))],
                request.Model ?? Models[0],
                new TokenUsage(request.Inputs.Sum(i => i.Length), 0, UsageSource.Reported),
                DateTimeOffset.UnixEpoch));
    }

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        Probes++;
        return Task.FromResult(new ProbeResult(ProbeHealthy, TimeSpan.FromMilliseconds(5), ProbeHealthy ? null : "CONNECTION_FAILED: down"));
    }

    public Task<int?> CountTokensAsync(string text, CancellationToken cancellationToken) => Task.FromResult(TokensPerChar * text.Length);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static OpenCodeException ConnectionFailed() => new(OpenCodeErrorCodes.ConnectionFailed, "connection refused");
}
