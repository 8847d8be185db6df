using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Alerts;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Families;
using OpenCode.Limits;
using OpenCode.Local;
using OpenCode.Models;
using OpenCode.Quotas;
using OpenCode.Resilience;
using OpenCode.Storage;

namespace OpenCode.Provider;

/// <summary>
/// The OpenCode provider: talks to an OpenAI-compatible server (or, in direct mode, a local llama-server it starts
/// for a GGUF file) through <see cref="IAIProvider"/>; <see cref="OpenCodeChatClientExtensions.AsChatClient"/> gives it as an <c>IChatClient</c>.
/// </summary>
/// <remarks>Thread-safe. Initializes itself on first use when <see cref="InitializeAsync"/> was not called.</remarks>
public sealed partial class OpenCodeProvider : IAIProvider
{
    private readonly OpenCodeOptions _options;
    private readonly HttpClient? _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly OpenCodeRateLimiter _limiter;
    private readonly OpenCodeStores _stores;
    private readonly QuotaEnforcer? _quotas;
    private readonly GenerationServices _generations;
    private readonly ICredentialStore? _credentialStore;
    private State? _state;
    private LocalLlamaServer? _localServer;
    private IAuthenticationProvider? _authentication;
    private HttpClient? _tokenHttp;
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
    {
        ArgumentNullException.ThrowIfNull(options);
        OpenCodeOptionsValidator.ValidateOrThrow(options);
        _options = options;
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("OpenCode.Provider");
        _stores = stores ?? OpenCodeStores.CreateInMemory();
        _limiter = new OpenCodeRateLimiter(options.RateLimits, _timeProvider, _stores.RateLimits, options.ApiEndpoint ?? Path.GetFileName(options.ModelPath) ?? "local");
        alerts ??= new LoggingAlertSink(_loggerFactory.CreateLogger<LoggingAlertSink>());
        _quotas = options.Quotas.Budgets.Count > 0 ? new QuotaEnforcer(_stores.Usage, options.Quotas, alerts, _timeProvider) : null;
        _generations = new GenerationServices(
            _stores.Usage, new CostCalculator(options.Pricing), new PerformanceAlertRules(options.Alerts, alerts, _timeProvider), _timeProvider, _logger);
        _credentialStore = credentialStore;
    }

    /// <summary>Gets the stores of this provider: the usage ledger (every request, its tokens and cost), limits, cache and health state.</summary>
    public OpenCodeStores Stores => _stores;

    /// <summary>Gets the client-side limits of this provider's endpoint.</summary>
    public OpenCodeRateLimiter RateLimiter => _limiter;

    /// <summary>Gets or sets the name the usage ledger and metrics give this endpoint; <see langword="null"/> uses the server's host and port.</summary>
    public string? EndpointName { get; set; }

    /// <summary>Gets or sets the random source of retry jitter (values in [0, 1)); tests make it predictable.</summary>
    internal Func<double> JitterSource { get; set; } = Random.Shared.NextDouble;

    /// <summary>Gets the wire client, once initialized (for models, health and the OpenCode extras).</summary>
    /// <exception cref="InvalidOperationException">The provider is not initialized.</exception>
    public OpenCodeClient Client => _state?.Client ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>Gets the model manager of the server (dialect, model metadata, cache), once initialized.</summary>
    /// <exception cref="InvalidOperationException">The provider is not initialized.</exception>
    public OpenCodeModelManager ModelManager => _state?.Manager ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>Gets or sets where progress of building a missing llama-server goes in direct mode (with <c>localServer.buildIfMissing</c>).</summary>
    public IProgress<string>? LocalServerBuildProgress { get; set; }

    /// <summary>Gets the local server started in direct mode, or <see langword="null"/>.</summary>
    public LocalLlamaServer? LocalServer => _localServer;

    /// <summary>Gets the server endpoint in use, once initialized (a local server's in direct mode).</summary>
    public Uri? Endpoint => _state?.Client.ServerRoot;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        (await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false)).Capabilities;

    /// <summary>Lists the models the server serves, filtered by <c>models.enabledModels</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The models.</returns>
    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var state = await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var models = await state.Client.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        return [.. models.Where(m => IsEnabled(m.Id))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state?.Manager.Dispose();
        _state?.Client.Dispose();
        if (_localServer is not null)
        {
            await _localServer.DisposeAsync().ConfigureAwait(false);
        }

        _limiter.Dispose();
        _tokenHttp?.Dispose();
        _initLock.Dispose();
    }

    private bool IsEnabled(string model) =>
        _options.Models.EnabledModels.Count == 0 || _options.Models.EnabledModels.Contains(model, StringComparer.Ordinal);

    /// <summary>What initialization learned; <paramref name="DefaultModel"/> is <see langword="null"/> when the server chooses.</summary>
    private sealed record State(
        OpenCodeClient Client, ProviderCapabilities Capabilities, IReadOnlyList<ModelInfo> Models, string? DefaultModel, FamilyDetection Family,
        OpenCodeModelManager Manager, EndpointResilience Resilience);
}
