using OpenCode.Provider;

namespace OpenCode.Routing;

/// <summary>An instance backed by a single-endpoint <see cref="OpenCodeProvider"/>, which does its own discovery, auth, limits and retries.</summary>
internal sealed class ProviderInstance(string name, OpenCodeProvider provider, TimeProvider time) : IRoutedInstance
{
    public string Name => name;

    public OpenCodeProvider Provider => provider;

    public async Task<IReadOnlyList<RoutedModel>> DiscoverModelsAsync(CancellationToken cancellationToken)
    {
        var capabilities = await provider.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var models = await provider.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        if (models.Count == 0)
        {
            // A server that lists no models serves the one it was started with.
            return [new RoutedModel(capabilities.Model, capabilities.ContextWindow)];
        }

        return [.. models.Select(m => new RoutedModel(m.Id, m.ContextWindow ?? (m.Id == capabilities.Model ? capabilities.ContextWindow : m.TrainingContextWindow)))];
    }

    public Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken) => provider.GetCapabilitiesAsync(cancellationToken);

    public IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, CancellationToken cancellationToken) =>
        provider.SendMessageAsync(request, cancellationToken);

    public Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        provider.GenerateEmbeddingsAsync(request, cancellationToken);

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        try
        {
            var health = await provider.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
            if (health.StatusCode != 404)
            {
                return new ProbeResult(health.IsHealthy, health.Latency, health.IsHealthy ? null : $"HTTP {health.StatusCode}: {health.Status}");
            }

            // Neither /health nor /v1/models: ask for one token instead.
            await foreach (var chunk in provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("ping")], MaxTokens = 1 }, cancellationToken).ConfigureAwait(false))
            {
                if (chunk.IsDone)
                {
                    break;
                }
            }

            return new ProbeResult(true, time.GetElapsedTime(start), null);
        }
        catch (OpenCodeException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, time.GetElapsedTime(start), $"{exception.Code}: {exception.Message}");
        }
    }

    public async Task<int?> CountTokensAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            var count = await provider.CountTokensAsync(text, cancellationToken).ConfigureAwait(false);
            return count.IsExact ? count.Count : null;
        }
        catch (OpenCodeException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
