using System.Collections.Concurrent;
using System.Text.Json;
using OpenCode.Client;

namespace OpenCode.Models.Probes;

/// <summary>One discovery pass against one server: remembers every GET so probes that read the same route ask once.</summary>
internal sealed class ProbeContext(OpenCodeClient client)
{
    private readonly ConcurrentDictionary<string, Task<JsonElement?>> _gets = new(StringComparer.Ordinal);

    public OpenCodeClient Client { get; } = client;

    public Task<JsonElement?> GetAsync(string relativePath, CancellationToken cancellationToken) =>
        _gets.GetOrAdd(relativePath, path => Client.ProbeGetAsync(path, cancellationToken));

    public Task<JsonElement?> PostAsync(string relativePath, Dictionary<string, string> body, CancellationToken cancellationToken) =>
        Client.ProbePostAsync(relativePath, JsonSerializer.SerializeToUtf8Bytes(body, ProbeJsonContext.Default.DictionaryStringString), cancellationToken);

    /// <summary>The OpenAI <c>data</c> list of <c>/v1/models</c>, or an empty list.</summary>
    public async Task<IReadOnlyList<JsonElement>> OpenAiModelsAsync(CancellationToken cancellationToken)
    {
        var root = await GetAsync("v1/models", cancellationToken).ConfigureAwait(false);
        return root is { ValueKind: JsonValueKind.Object } list && list.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? [.. data.EnumerateArray().Where(m => Json.String(m, "id") is not null)]
            : [];
    }
}
