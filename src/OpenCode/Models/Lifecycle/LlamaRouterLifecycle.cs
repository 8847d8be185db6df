using System.Globalization;
using System.Text.Json;
using OpenCode.Client;
using OpenCode.Models.Probes;

namespace OpenCode.Models.Lifecycle;

/// <summary>
/// llama-server in router mode (<c>--models-dir</c>, <c>/props</c> <c>role: router</c>): <c>GET /models</c> gives each model's
/// <c>status.value</c> (unloaded, loading, loaded, sleeping; <c>failed</c> with the exit code of its process), <c>POST /models/load</c> and
/// <c>/models/unload</c> take <c>{"model": id}</c> and answer before the model's process has started or stopped, so a load waits for the state.
/// </summary>
internal sealed class LlamaRouterLifecycle(OpenCodeClient client, TimeProvider timeProvider, TimeSpan loadTimeout) : IModelLifecycle
{
    /// <summary>How often a load asks whether the model is up.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<IReadOnlyList<ModelInfo>> WithLoadStatesAsync(IReadOnlyList<ModelInfo> models, CancellationToken cancellationToken)
    {
        var states = await ReadStatesAsync(cancellationToken).ConfigureAwait(false);
        return [.. models.Select(m => states.TryGetValue(m.Id, out var state) ? m.WithLoadState(state.State) : m)];
    }

    public async Task LoadAsync(string model, CancellationToken cancellationToken)
    {
        var before = await StateOfAsync(model, cancellationToken).ConfigureAwait(false);
        if (before.State is not (ModelLoadState.Loaded or ModelLoadState.Loading or ModelLoadState.Sleeping))
        {
            await client.SendJsonAsync(HttpMethod.Post, "models/load", Body(model), "Model load", cancellationToken).ConfigureAwait(false);
        }

        await WaitAsync(model, "loading", static s => s is ModelLoadState.Loaded or ModelLoadState.Sleeping, cancellationToken).ConfigureAwait(false);
    }

    public async Task UnloadAsync(string model, CancellationToken cancellationToken)
    {
        var before = await StateOfAsync(model, cancellationToken).ConfigureAwait(false);
        if (before.State is ModelLoadState.Loaded or ModelLoadState.Loading or ModelLoadState.Sleeping)
        {
            await client.SendJsonAsync(HttpMethod.Post, "models/unload", Body(model), "Model unload", cancellationToken).ConfigureAwait(false);
            await WaitAsync(model, "unloading", static s => s is ModelLoadState.Unloaded or ModelLoadState.Failed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks for the model's state until <paramref name="done"/>, within <c>localServer.startupTimeout</c>; a failed load is MODEL_LOAD_FAILED.</summary>
    private async Task WaitAsync(string model, string doing, Func<ModelLoadState, bool> done, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(loadTimeout);
        try
        {
            while (true)
            {
                var now = await StateOfAsync(model, deadline.Token).ConfigureAwait(false);
                if (done(now.State))
                {
                    return;
                }

                if (now.State == ModelLoadState.Failed)
                {
                    throw new OpenCodeException(
                        OpenCodeErrorCodes.ModelLoadFailed,
                        $"llama-server could not load model '{model}': its process exited with code {now.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} (see the server's log).");
                }

                await Task.Delay(PollInterval, timeProvider, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.Timeout, $"llama-server did not finish {doing} model '{model}' within {loadTimeout.TotalSeconds:0} s (localServer.startupTimeout).");
        }
    }

    private static ReadOnlyMemory<byte> Body(string model) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["model"] = model }, ProbeJsonContext.Default.DictionaryStringString);

    private async Task<RouterModelState> StateOfAsync(string model, CancellationToken cancellationToken)
    {
        var states = await ReadStatesAsync(cancellationToken).ConfigureAwait(false);
        return states.TryGetValue(model, out var state)
            ? state
            : throw new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound, $"Model '{model}' is not among the router's models: {string.Join(", ", states.Keys)}.", System.Net.HttpStatusCode.NotFound);
    }

    private async Task<Dictionary<string, RouterModelState>> ReadStatesAsync(CancellationToken cancellationToken)
    {
        var root = await client.SendJsonAsync(HttpMethod.Get, "models", null, "Model states", cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, RouterModelState>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in data.EnumerateArray())
            {
                if (Json.String(model, "id") is { } id && RouterModelState.From(Json.Object(model, "status")) is { } state)
                {
                    states[id] = state;
                }
            }
        }

        return states;
    }
}
