using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Alerts;
using OpenCode.Auth;
using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Models;
using OpenCode.Pipeline;
using OpenCode.Storage;

namespace OpenCode.Provider;

/// <summary>
/// The OpenCode provider: one endpoint — an OpenAI-compatible server, or in direct mode a GGUF file — behind <see cref="IAIProvider"/>,
/// over one generation pipeline (quotas → telemetry → limits → usage ledger → retries → the backend). <see cref="OpenCodeAIExtensions.AsIChatClient"/>
/// gives it as an <c>IChatClient</c>.
/// </summary>
/// <remarks>Thread-safe. Connects on first use when <see cref="InitializeAsync"/> was not called.</remarks>
public sealed class OpenCodeProvider : IAIProvider
{
    private readonly OpenCodeOptions _options;
    private readonly EndpointSettings _settings;
    private readonly EndpointComponents _components;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private Connection? _connection;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="OpenCodeProvider"/> class.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="httpClient">The HTTP client (from <c>IHttpClientFactory</c>); <see langword="null"/> creates one.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> logs nothing.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> uses the system clock.</param>
    /// <param name="stores">
    /// Where usage is recorded and quotas are counted (and, for fleets, limits shared); <see langword="null"/> keeps them in this process's memory.
    /// </param>
    /// <param name="alerts">Where quota, error-rate and latency alerts go; <see langword="null"/> logs them as warnings.</param>
    /// <param name="credentialStore">Where <c>auth.credential</c> names are looked up; <see langword="null"/> when none is used.</param>
    /// <exception cref="OpenCodeConfigurationException">A setting is invalid; the message names it and the allowed values.</exception>
    public OpenCodeProvider(
        OpenCodeOptions options,
        HttpClient? httpClient = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        OpenCodeStores? stores = null,
        IAlertSink? alerts = null,
        ICredentialStore? credentialStore = null)
        : this(Validated(options), httpClient, loggerFactory, timeProvider, stores, alerts, credentialStore)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenCodeProvider"/> class for one endpoint of settings already validated (a router's instance).</summary>
    internal OpenCodeProvider(
        EndpointSettings settings, HttpClient? httpClient, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, OpenCodeStores? stores, IAlertSink? alerts,
        ICredentialStore? credentialStore)
    {
        _options = settings.Shared;
        _settings = settings;
        _components = new EndpointComponents(_settings, httpClient, loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System, stores, alerts, credentialStore);
    }

    /// <summary>Gets the stores of this provider: the usage ledger (every request, its tokens and cost), limits, cache and health state.</summary>
    public OpenCodeStores Stores => _components.Stores;

    /// <summary>Gets or sets the name the usage ledger and metrics give this endpoint; <see langword="null"/> uses the server's host and port.</summary>
    public string? EndpointName { get; set; }

    /// <summary>Gets the stages a caller adds to the pipeline, outermost first: they see each planned request before the quotas and limits, and the chunks last.</summary>
    /// <remarks>Set before the first request; see <see cref="DelegatingGenerationStage"/> for writing one.</remarks>
    public Action<GenerationPipelineBuilder>? ConfigurePipeline { get; init; }

    /// <summary>Gets or sets where progress of building a missing llama-server goes in direct mode (with <c>localServer.buildIfMissing</c>).</summary>
    public IProgress<string>? LocalServerBuildProgress
    {
        get => _components.LocalServerBuildProgress;
        set => _components.LocalServerBuildProgress = value;
    }

    /// <summary>
    /// Gets what runs <c>modelPath</c> in direct mode, in this process or in a llama-server as <c>localServer.mode</c> says: the OpenCode.Local
    /// package's <c>LocalModelBackendFactory</c>. Without it such a provider fails with <c>INVALID_CONFIGURATION</c> naming <c>modelPath</c>.
    /// </summary>
    public Local.ILocalModelBackendFactory? LocalModels
    {
        get => _components.LocalModels;
        init => _components.LocalModels = value;
    }

    /// <summary>Gets the performance measured per model and endpoint for the generations of this provider.</summary>
    internal ModelPerformanceTracker Performance => _components.Performance;

    /// <summary>Gets the endpoint in use, once connected (a local server's in direct mode).</summary>
    public Uri? Endpoint => _connection?.Description.Endpoint;

    /// <summary>Gets the settings, and what the backend said once connected (for the chat client's metadata).</summary>
    internal (OpenCodeOptions Options, BackendDescription? Connected) Settings => (_options, _connection?.Description);

    /// <summary>Gets or sets a value indicating whether failed attempts are retried here; a router turns it off, as failing over is its retry.</summary>
    internal bool RetriesEnabled { get; set; } = true;

    /// <summary>Gets or sets the random source of retry jitter (values in [0, 1)); tests make it predictable.</summary>
    internal Func<double> JitterSource
    {
        get => _components.Jitter;
        set => _components.Jitter = value;
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default) => await ConnectAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Description.Capabilities;

    /// <inheritdoc />
    /// <remarks>Nothing runs until the first <c>MoveNextAsync</c>; then every chunk is handed straight on from the pipeline.</remarks>
    public IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Generate(request, static (planner, r) => planner.Plan(r), cancellationToken);
    }

    /// <summary>
    /// Fills in the code between a prefix and a suffix, streamed: through the server's <c>/infill</c> where the model's vocabulary has FIM tokens
    /// (llama.cpp), Ollama's <c>suffix</c> for models with the <c>insert</c> capability, else the family's FIM prompt format on
    /// <c>/v1/completions</c> with the family's stop tokens.
    /// </summary>
    /// <param name="request">The prefix, suffix, extra files and sampling settings.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The chunks of the middle; the last one has <see cref="MessageChunk.IsDone"/>, the finish reason and the usage.</returns>
    /// <exception cref="OpenCodeException">
    /// CAPABILITY_NOT_SUPPORTED when <c>features.codeCompletion</c> is off or the model cannot fill in the middle.
    /// </exception>
    public IAsyncEnumerable<MessageChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _options.Features.CodeCompletion
            ? Generate(request, static (planner, r) => planner.PlanInfill(r), cancellationToken)
            : new DeferredChunks<int>(
                static (_, _) => ValueTask.FromException<IAsyncEnumerator<MessageChunk>>(new OpenCodeException(
                    OpenCodeErrorCodes.CapabilityNotSupported, "Code completion (fill in the middle) is off: features.codeCompletion is false.")),
                0,
                cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each batch of <c>embeddings.batchSize</c> inputs is one request through the same pipeline as a generation: quotas, telemetry (operation
    /// <c>embeddings</c>), limits (reserving the inputs' estimated tokens, settled with the server's count), the usage ledger and retries.
    /// Batches are sent one after another; the vectors come back in input order. No inputs: no request.
    /// </remarks>
    public Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EmbedAsync(request, cancellationToken);
    }

    /// <summary>Lists the models the endpoint serves, filtered by <c>models.enabledModels</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The models.</returns>
    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var models = await connection.Backend.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        return [.. models.Where(m => _settings.Models.IsEnabled(m.Id))];
    }

    /// <summary>
    /// Loads a model into memory and returns when it is ready: llama-server in router mode (<c>--models-dir</c>), Ollama (kept for
    /// <c>models.keepAlive</c>), or direct mode's model in this process. <see cref="ListModelsAsync"/> shows each model's
    /// <see cref="ModelInfo.LoadState"/>.
    /// </summary>
    /// <param name="model">The model id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the model is loaded.</returns>
    /// <exception cref="OpenCodeException">CAPABILITY_NOT_SUPPORTED where the server does not load models on request; MODEL_NOT_FOUND; MODEL_LOAD_FAILED.</exception>
    public async Task LoadModelAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Backend.LoadModelAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases a model's memory (see <see cref="LoadModelAsync"/>); the next request loads it again.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the server has accepted the unload.</returns>
    /// <exception cref="OpenCodeException">CAPABILITY_NOT_SUPPORTED where the server does not unload models on request; MODEL_NOT_FOUND.</exception>
    public async Task UnloadModelAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Backend.UnloadModelAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the endpoint whether it is ready to answer.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The health; an unreachable server is unhealthy, not an exception.</returns>
    public async Task<ServerHealth> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Backend.CheckHealthAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Counts the tokens of a text: with the model's tokenizer where the endpoint has one, else by the documented estimate.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The count, and whether it is exact.</returns>
    public async Task<TokenCount> CountTokensAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await connection.Tokens.CountAsync(text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Splits a text into the model's tokens with the backend's tokenizer; <see langword="null"/> when it has none.</summary>
    internal async Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).Backend.TokenizeAsync(text, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Asks the pipeline for an object it holds: a stage of yours, the provider itself, or a <see cref="RateLimiterSnapshot"/>
    /// of the endpoint's client-side limits (in flight, queued, free slots, paused until).
    /// </summary>
    /// <param name="serviceType">The type asked for.</param>
    /// <returns>The object, or <see langword="null"/> (also before the provider is connected, for what connecting creates).</returns>
    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(RateLimiterSnapshot) ? _components.Limiter.GetSnapshot()
            : _connection?.Pipeline.GetService(serviceType);
    }

    /// <summary>Asks the pipeline for an object of type <typeparamref name="T"/> (see <see cref="GetService(Type)"/>).</summary>
    /// <typeparam name="T">The type asked for.</typeparam>
    /// <returns>The object, or <see langword="null"/>.</returns>
    public T? GetService<T>()
        where T : class => GetService(typeof(T)) as T;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_connection is { } connection)
        {
            connection.Pipeline.Dispose();
            await connection.Backend.DisposeAsync().ConfigureAwait(false);
        }

        _components.Dispose();
        _connectLock.Dispose();
    }

    private static EndpointSettings Validated(OpenCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OpenCodeOptionsValidator.ValidateOrThrow(options);
        return EndpointSettings.Of(options);
    }

    private DeferredChunks<(OpenCodeProvider Provider, T Request, Func<RequestPlanner, T, GenerationRequest> Plan)> Generate<T>(
        T request, Func<RequestPlanner, T, GenerationRequest> plan, CancellationToken cancellationToken) =>
        new(
            static async (state, token) =>
            {
                var connection = await state.Provider.ConnectAsync(token).ConfigureAwait(false);
                return connection.Pipeline.GenerateAsync(state.Plan(connection.Planner, state.Request), token).GetAsyncEnumerator(token);
            },
            (this, request, plan),
            cancellationToken);

    private async Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        Embeddings.EmbeddingBatches.Validate(request);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await Embeddings.EmbeddingBatches.RunAsync(
            request,
            _options.Embeddings.BatchSize,
            (batch, token) => connection.Pipeline.GenerateAsync(connection.Planner.PlanEmbeddings(batch), token),
            _components.Time,
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_connection is { } ready)
        {
            return ready;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _connection ??= await _components.ConnectAsync(EndpointName, RetriesEnabled, ConfigurePipeline, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
