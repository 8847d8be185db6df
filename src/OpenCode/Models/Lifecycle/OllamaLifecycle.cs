using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCode.Client;

namespace OpenCode.Models.Lifecycle;

/// <summary>
/// Ollama: <c>/api/ps</c> lists the models in memory; an empty <c>/api/generate</c> loads one (kept for <c>keep_alive</c>), the same with
/// <c>keep_alive: 0</c> unloads it.
/// </summary>
/// <remarks>
/// Ollama's OpenAI-compatible routes do not reliably take <c>keep_alive</c>, and a request there does not reset the time a load set, so
/// <c>models.keepAlive</c> is applied by <see cref="LoadAsync"/>, never sent with generations.
/// </remarks>
internal sealed class OllamaLifecycle(OpenCodeClient client, string? keepAlive) : IModelLifecycle
{
    public async Task<IReadOnlyList<ModelInfo>> WithLoadStatesAsync(IReadOnlyList<ModelInfo> models, CancellationToken cancellationToken)
    {
        var ps = await client.SendJsonAsync(HttpMethod.Get, "api/ps", null, "Loaded models", cancellationToken).ConfigureAwait(false);
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        if (ps.ValueKind == JsonValueKind.Object && ps.TryGetProperty("models", out var running) && running.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in running.EnumerateArray())
            {
                loaded.UnionWith(new[] { Json.String(model, "model"), Json.String(model, "name") }.OfType<string>());
            }
        }

        return [.. models.Select(m => m.WithLoadState(loaded.Contains(m.Id) ? ModelLoadState.Loaded : ModelLoadState.Unloaded))];
    }

    public Task LoadAsync(string model, CancellationToken cancellationToken) => GenerateAsync(model, keepAlive, "Model load", cancellationToken);

    public Task UnloadAsync(string model, CancellationToken cancellationToken) => GenerateAsync(model, "0", "Model unload", cancellationToken);

    /// <summary>An empty <c>/api/generate</c> loads or unloads a model; one Ollama does not have is MODEL_NOT_FOUND naming it.</summary>
    private async Task GenerateAsync(string model, string? keepAliveValue, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendJsonAsync(HttpMethod.Post, "api/generate", Body(model, keepAliveValue), operation, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCodeException ex) when (ErrorClassifier.OllamaUnknownModel(ex, operation, model) is var classified && classified != ex)
        {
            throw classified;
        }
    }

    /// <summary>Ollama reads a number as seconds and a string as a Go duration (which needs a unit), so a bare number goes as a number.</summary>
    internal static ReadOnlyMemory<byte> Body(string model, string? keepAlive)
    {
        var body = new JsonObject { ["model"] = model, ["stream"] = false };
        if (keepAlive is { Length: > 0 })
        {
            body["keep_alive"] = long.TryParse(keepAlive, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
                ? JsonValue.Create(seconds)
                : JsonValue.Create(keepAlive);
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
