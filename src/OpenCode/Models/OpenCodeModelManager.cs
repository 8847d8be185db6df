using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Models.Probes;

namespace OpenCode.Models;

/// <summary>
/// Discovers the models of one server: recognises its dialect once (or takes <c>models.dialect</c>), reads each model's metadata,
/// caches it for <c>models.cacheTimeout</c> and, on refresh, reads again only the models whose fingerprint changed.
/// </summary>
/// <remarks>Thread-safe; one instance per endpoint.</remarks>
internal sealed partial class OpenCodeModelManager : IDisposable
{
    private static readonly IDialectProbe[] Probes =
        [new LlamaCppProbe(), new OllamaProbe(), new TgiProbe(), new VllmProbe(), new OpenCodeApiProbe(), new OpenAiProbe()];

    private readonly OpenCodeClient _client;
    private readonly ModelOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IDialectProbe? _probe;
    private Snapshot? _snapshot;

    /// <summary>Initializes a new instance of the <see cref="OpenCodeModelManager"/> class.</summary>
    /// <param name="client">The client of the server.</param>
    /// <param name="options">The <c>models</c> settings; <see langword="null"/> uses the defaults.</param>
    /// <param name="timeProvider">The clock for the cache; <see langword="null"/> uses the system clock.</param>
    /// <param name="logger">The logger.</param>
    public OpenCodeModelManager(OpenCodeClient client, ModelOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ModelOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised when a refresh finds that the model behind an id changed.</summary>
    public event EventHandler<ModelChangedEventArgs>? ModelChanged;

    /// <summary>Gets the server's dialect (a <see cref="ServerDialects"/> value): <c>models.dialect</c>, else probed once and remembered.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The dialect.</returns>
    public async Task<string> GetDialectAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await GetProbeAsync(new ProbeContext(_client), cancellationToken).ConfigureAwait(false)).Dialect;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gets the models, from the cache while it is younger than <c>models.cacheTimeout</c>, filtered by <c>models.enabledModels</c>.</summary>
    /// <param name="cancellationToken">Cancels discovery.</param>
    /// <returns>The models, in the server's order.</returns>
    public async Task<IReadOnlyList<DiscoveredModel>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        if (_snapshot is { } cached && _timeProvider.GetElapsedTime(cached.Taken) < TimeSpan.FromSeconds(_options.CacheTimeout))
        {
            return cached.Models;
        }

        return await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets one model: <paramref name="id"/>, else <c>models.defaultModel</c>, else the first enabled model.</summary>
    /// <param name="id">The model id, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels discovery.</param>
    /// <returns>The model.</returns>
    /// <exception cref="OpenCodeException">MODEL_NOT_FOUND when the server does not serve it or it is not enabled.</exception>
    public async Task<DiscoveredModel> GetModelAsync(string? id = null, CancellationToken cancellationToken = default)
    {
        var models = await GetModelsAsync(cancellationToken).ConfigureAwait(false);
        var wanted = id ?? (_options.DefaultModel is { Length: > 0 } configured ? configured : null);
        return (wanted is null ? models.FirstOrDefault() : models.FirstOrDefault(m => m.Id == wanted))
            ?? throw new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound,
                $"Model '{wanted ?? "(any)"}' is not among the enabled models of {_client.ServerRoot}: {string.Join(", ", models.Select(m => m.Id))}.");
    }
}
