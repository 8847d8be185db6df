using OpenCode.Models;

namespace OpenCode.Pipeline;

/// <summary>
/// The last stage of a pipeline: what runs the model. An OpenAI-compatible server over HTTP, a <c>llama-server</c> this library
/// started for a GGUF file, or a model loaded in this process. Besides generating, it says what it serves.
/// </summary>
public abstract class GenerationBackend : GenerationStage, IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Connects (or loads the model) and tells what is served; called once before the first request.</summary>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>What the backend serves.</returns>
    /// <exception cref="OpenCodeException">The backend cannot be reached or loaded.</exception>
    public abstract Task<BackendDescription> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Lists the models served now.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The models.</returns>
    public abstract Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>Asks whether the backend is ready to answer; never throws for one that cannot be reached.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The health.</returns>
    public abstract Task<ServerHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>Splits a text into the model's tokens.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tokens' texts, or <see langword="null"/> when the backend cannot tokenize.</returns>
    public virtual Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>Loads a model into memory and returns once it is ready (llama-server's router mode, Ollama, a model run in this process).</summary>
    /// <param name="model">The model id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the model is loaded.</returns>
    /// <exception cref="OpenCodeException">CAPABILITY_NOT_SUPPORTED where the backend cannot load models on request; MODEL_NOT_FOUND; MODEL_LOAD_FAILED.</exception>
    public virtual Task LoadModelAsync(string model, CancellationToken cancellationToken) =>
        Task.FromException(NoLifecycle("load"));

    /// <summary>Releases a model's memory; the next request (or a load) brings it back.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the backend has accepted the unload.</returns>
    /// <exception cref="OpenCodeException">CAPABILITY_NOT_SUPPORTED where the backend cannot unload models on request; MODEL_NOT_FOUND.</exception>
    public virtual Task UnloadModelAsync(string model, CancellationToken cancellationToken) =>
        Task.FromException(NoLifecycle("unload"));

    /// <summary>The error of a backend that does not manage what is loaded.</summary>
    /// <param name="operation">What was asked: load or unload.</param>
    /// <returns>A CAPABILITY_NOT_SUPPORTED error.</returns>
    protected static OpenCodeException NoLifecycle(string operation) => new(
        OpenCodeErrorCodes.CapabilityNotSupported,
        $"This server cannot {operation} models on request: that needs llama-server in router mode (--models-dir), Ollama, or a model run in this process.");

    /// <summary>Releases what the backend holds, waiting for what must stop (a server process) to stop.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    protected virtual ValueTask DisposeAsyncCore()
    {
        Dispose(disposing: true);
        return ValueTask.CompletedTask;
    }
}
