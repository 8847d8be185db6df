using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Routing.Caching;
using OpenCode.Routing.Health;
using OpenCode.Routing.LoadBalancing;
using OpenCode.Routing.Selection;

namespace OpenCode.Routing;

/// <summary>
/// Routes requests over several named instances (<c>instances</c> in the configuration), each a single-endpoint provider with its
/// own auth, limits and discovered models: sends a request only to healthy instances serving its model, balances load by a policy,
/// fails over before the first chunk reaches the caller, probes health, selects models for tasks, fits the context window, and
/// caches answers. Create one with <see cref="Create"/>.
/// </summary>
/// <remarks>Thread-safe. Each request's final chunk carries a <see cref="RouteInfo"/> in <see cref="ChunkMetadata.Route"/>.</remarks>
public sealed partial class OpenCodeRouter : IAIProvider
{
    private readonly InstanceState[] _instances;
    private readonly RoutingOptions _options;
    private readonly string? _defaultModel;
    private readonly ILoadBalancingPolicy _policy;
    private readonly HealthTracker _tracker;
    private readonly HealthMonitor _monitor;
    private readonly RoutePlanner _planner;
    private readonly ResponseCache? _cache;
    private readonly RouterCounters _counters = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lazy<Task> _start;
    private Task _discovered = Task.CompletedTask;
    private int _disposed;

    internal OpenCodeRouter(IReadOnlyList<IRoutedInstance> instances, RouterDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(dependencies);
        if (instances.Count == 0)
        {
            throw new OpenCodeConfigurationException("A router needs at least one instance (instances).", ["instances: must list at least one instance"]);
        }

        _instances = [.. instances.Select(i => new InstanceState(i))];
        _options = dependencies.Options.Routing;
        _defaultModel = dependencies.Options.Models.DefaultModel is { Length: > 0 } model ? model : null;
        _time = dependencies.TimeProvider;
        _logger = dependencies.Logger;
        _policy = LoadBalancingPolicies.Create(_options.LoadBalancing, dependencies.Random);
        _tracker = new HealthTracker(_options.Health, _time, _logger);
        _monitor = new HealthMonitor(_instances, _tracker, TimeSpan.FromSeconds(_options.Health.ProbeInterval), dependencies.HealthStore, _logger);
        _planner = new RoutePlanner(_instances, _options, dependencies.Options.DefaultTemperature, _logger);
        _cache = dependencies.CacheStore is { } store && (_options.Cache.Enabled || _options.Cache.OfflineFallback)
            ? new ResponseCache(store, _options.Cache, _time)
            : null;
        _start = new Lazy<Task>(StartAsync);
    }

    /// <summary>Gets the names of the instances, in configuration order.</summary>
    public IReadOnlyList<string> InstanceNames => [.. _instances.Select(i => i.Name)];

    /// <summary>Gets the load-balancing policy in use.</summary>
    public string LoadBalancingPolicy => _policy.Name;

    /// <inheritdoc />
    /// <remarks>Waits until every instance has answered or failed; a request sent first waits only for the first instance that answers.</remarks>
    /// <exception cref="OpenCodeNoInstanceAvailableException">No instance could be reached; the router keeps probing them.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await _discovered.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_instances.Any(i => i.Models is not null && HealthTracker.IsAvailable(i)))
        {
            throw NoInstance(null, [], null);
        }
    }

    /// <inheritdoc />
    /// <remarks>The capabilities of a healthy instance serving the default model, with the models of every instance.</remarks>
    public async Task<ProviderCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var models = _instances.Where(i => i.Models is not null).SelectMany(i => i.Models!).Select(m => m.Id).Distinct(StringComparer.Ordinal).ToList();
        var state = _instances.FirstOrDefault(i => i.Serves(_defaultModel) && HealthTracker.IsAvailable(i))
            ?? _instances.First(i => i.Models is not null && HealthTracker.IsAvailable(i));
        var capabilities = await state.Instance.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        return capabilities with { AvailableModels = models };
    }

    /// <summary>Probes every instance now (instead of waiting for the next interval) and returns the statistics after it.</summary>
    /// <param name="cancellationToken">Cancels the probes.</param>
    /// <returns>Each instance's state, models, latency, last error and totals.</returns>
    public async Task<RouterStatistics> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await _discovered.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _monitor.RunRoundAsync(cancellationToken).ConfigureAwait(false);
        return GetStatistics();
    }

    /// <summary>Returns a snapshot of each instance's health, load and totals, and of each model's totals, in this process.</summary>
    /// <returns>The snapshot.</returns>
    public RouterStatistics GetStatistics() => _counters.Snapshot(_instances, _time.GetUtcNow());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _monitor.DisposeAsync().ConfigureAwait(false);
        foreach (var state in _instances)
        {
            await state.Instance.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs one health round now; tests drive the monitor with it instead of waiting for the timer.</summary>
    internal Task RunHealthRoundAsync(CancellationToken cancellationToken) => _monitor.RunRoundAsync(cancellationToken);

    internal Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var start = _start.Value;
        return start.IsCompleted ? start : start.WaitAsync(cancellationToken);
    }

    /// <summary>Discovers every instance; ready as soon as one is available (or all have answered), so a slow instance does not hold up the rest.</summary>
    private async Task StartAsync()
    {
        var pending = _instances.Select(s => _monitor.DiscoverAsync(s, CancellationToken.None)).ToList();
        _discovered = FinishStartAsync([.. pending]);
        while (pending.Count > 0 && !_instances.Any(i => i.Models is not null && HealthTracker.IsAvailable(i)))
        {
            pending.Remove(await Task.WhenAny(pending).ConfigureAwait(false));
        }
    }

    private async Task FinishStartAsync(Task[] discoveries)
    {
        try
        {
            await Task.WhenAll(discoveries).ConfigureAwait(false);
            await _monitor.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RouterLog.HealthRoundFailed(_logger, exception);
        }
        finally
        {
            if (_disposed == 0)
            {
                _monitor.Start();
            }
        }
    }
}
