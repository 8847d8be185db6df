using Microsoft.Extensions.Logging;
using OpenCode.Alerts;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Local;
using OpenCode.Models;
using OpenCode.Pipeline;
using OpenCode.Profiles;
using OpenCode.Quotas;
using OpenCode.Resilience;
using OpenCode.Storage;
using OpenCode.Telemetry;

namespace OpenCode.Provider;

/// <summary>
/// What one endpoint's pipeline is built from and what outlives a connection: the limiter, quotas, ledger, alert rules, performance
/// tracker and credentials. <see cref="ConnectAsync"/> makes the backend, connects it and composes the stages around it.
/// </summary>
internal sealed class EndpointComponents : IDisposable
{
    private readonly EndpointSettings _settings;
    private readonly OpenCodeOptions _options;
    private readonly HttpClient? _httpClient;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly QuotaEnforcer? _quotas;
    private readonly CostCalculator _costs;
    private readonly PerformanceAlertRules _alertRules;
    private readonly AuthenticationSource _authentication;

    public EndpointComponents(
        EndpointSettings settings, HttpClient? httpClient, ILoggerFactory loggerFactory, TimeProvider time, OpenCodeStores? stores, IAlertSink? alerts,
        ICredentialStore? credentialStore)
    {
        var options = _options = settings.Shared;
        _settings = settings;
        _httpClient = httpClient;
        _loggerFactory = loggerFactory;
        _time = time;
        Stores = stores ?? OpenCodeStores.CreateInMemory();
        Limiter = new OpenCodeRateLimiter(settings.RateLimits, time, Stores.RateLimits, settings.ApiEndpoint ?? Path.GetFileName(settings.ModelPath) ?? "local");
        alerts ??= new LoggingAlertSink(loggerFactory.CreateLogger<LoggingAlertSink>());
        _quotas = options.Quotas.Budgets.Count > 0 ? new QuotaEnforcer(Stores.Usage, options.Quotas, alerts, time) : null;
        _costs = new CostCalculator(options.Pricing);
        _alertRules = new PerformanceAlertRules(options.Alerts, alerts, time);
        _authentication = new AuthenticationSource(
            settings.Auth, httpClient, TimeSpan.FromMilliseconds(options.Timeout), TimeSpan.FromMilliseconds(options.ConnectTimeout), time, loggerFactory, credentialStore);
    }

    public OpenCodeStores Stores { get; }

    public TimeProvider Time => _time;

    public OpenCodeRateLimiter Limiter { get; }

    public ModelPerformanceTracker Performance { get; } = new();

    public IProgress<string>? LocalServerBuildProgress { get; set; }

    public ILocalModelBackendFactory? LocalModels { get; set; }

    public Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    public async Task<Connection> ConnectAsync(string? endpointName, bool retries, Action<GenerationPipelineBuilder>? configure, CancellationToken cancellationToken)
    {
        var backend = CreateBackend();
        try
        {
            var description = await backend.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var endpoint = new EndpointContext(
                endpointName ?? description.Endpoint.Authority, description.Endpoint, description.Capabilities.Dialect, description.Capabilities.Model, _settings.Auth.Credential);
            var pipeline = BuildPipeline(endpoint, backend, retries, configure, ServerSlots(description));
            var logger = _loggerFactory.CreateLogger("OpenCode.Provider");
            return new Connection(backend, description, pipeline, new RequestPlanner(_settings, description, logger), new TokenCounter(backend));
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        Limiter.Dispose();
        _authentication.Dispose();
    }

    /// <summary>The stages in the design's order; a caller's own stages go outermost, so they see what the caller sees.</summary>
    private GenerationStage BuildPipeline(EndpointContext endpoint, GenerationBackend backend, bool retries, Action<GenerationPipelineBuilder>? configure, int? serverSlots)
    {
        var resilienceOptions = _options.Resilience;
        var resilience = new EndpointResilience(
            resilienceOptions, endpoint.Root, _time, Jitter, _loggerFactory.CreateLogger("OpenCode.Resilience"), failure => RateLimitStage.SlowDownAfter(Limiter, failure),
            retries);
        var builder = new GenerationPipelineBuilder();
        configure?.Invoke(builder);
        if (_options.Profiles.Count > 0)
        {
            var profiles = _options.Profiles.ToList();
            builder.Use(inner => new ModelProfileStage(inner, profiles, endpoint));
        }

        if (_quotas is { } quotas)
        {
            builder.Use(inner => new QuotaStage(inner, quotas, endpoint));
        }

        builder
            .Use(inner => new TelemetryStage(inner, endpoint, Performance, _time))
            .Use(inner => new RateLimitStage(inner, Limiter, endpoint))
            .Use(inner => new UsageLedgerStage(inner, endpoint, Stores.Usage, _costs, _alertRules, _time, _loggerFactory.CreateLogger("OpenCode.Provider")))
            .Use(inner => new ResilienceStage(inner, resilience, endpoint.Root));
        if (serverSlots is { } slots)
        {
            builder.Use(inner => new ServerSlotStage(inner, slots));
        }

        return builder.Build(backend);
    }

    /// <summary>
    /// The server's slot count to hold requests to, when no concurrency limit is configured (<c>rateLimits.matchServerSlots</c>); not for a
    /// model run in this process, whose backend has a bounded queue of its own (<c>QUEUE_FULL</c>).
    /// </summary>
    private int? ServerSlots(BackendDescription description) =>
        _settings.RateLimits is { ConcurrentRequests: null, MatchServerSlots: true } && description.Endpoint.Scheme is "http" or "https"
        && description.Capabilities.ParallelSlots is { } slots && slots > 0
            ? slots
            : null;

    private GenerationBackend CreateBackend()
    {
        if (_settings.ApiEndpoint is { Length: > 0 } configured)
        {
            return ConnectTo(new Uri(configured, UriKind.Absolute));
        }

        if (_settings.ModelPath is { Length: > 0 } modelPath)
        {
            var localModels = LocalModels ?? throw new OpenCodeConfigurationException(
                "modelPath: running a local GGUF file (in this process or in a llama-server) needs the OpenCode.Local package: reference it and " +
                "register it with services.AddOpenCodeLocal(), or set OpenCodeProvider.LocalModels = LocalModelBackendFactory.Instance.");
            var context = new LocalModelContext(_options, modelPath, ConnectTo, _time, _loggerFactory)
            {
                ApiKey = _settings.Auth.ResolveApiKey(),
                BuildProgress = LocalServerBuildProgress,
            };
            return localModels.CreateBackend(context);
        }

        throw new OpenCodeConfigurationException("Neither apiEndpoint nor modelPath is set: set apiEndpoint to a server URL, or modelPath to a local GGUF file.");
    }

    private ServerBackend ConnectTo(Uri endpoint) => new(_settings, endpoint, _httpClient, _authentication, Stores, _time, _loggerFactory);
}
