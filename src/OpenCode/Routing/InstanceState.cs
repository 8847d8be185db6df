namespace OpenCode.Routing;

/// <summary>What a router knows about one instance: models, load, latency, health and totals. Thread-safe.</summary>
internal sealed class InstanceState(IRoutedInstance instance)
{
    private const double LatencyWeight = 0.2;
    private readonly object _gate = new();
    private IReadOnlyList<RoutedModel>? _models;
    private HashSet<string> _modelIds = new(StringComparer.Ordinal);
    private int _outstanding;
    private double _latencyMs;

    public IRoutedInstance Instance { get; } = instance;

    public string Name => Instance.Name;

    /// <summary>Gets the models served; <see langword="null"/> until discovery succeeded.</summary>
    public IReadOnlyList<RoutedModel>? Models => Volatile.Read(ref _models);

    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Gets the moving average of the time to the first chunk (or of probes), in milliseconds; 0 before any was measured.</summary>
    public double LatencyMs
    {
        get
        {
            lock (_gate)
            {
                return _latencyMs;
            }
        }
    }

    /// <summary>Gets the health state and counters, guarded by <see cref="Gate"/>.</summary>
    public HealthRecord Health { get; } = new();

    public InstanceTotals Totals { get; } = new();

    /// <summary>Gets the lock over <see cref="Health"/> and <see cref="Totals"/>.</summary>
    public object Gate => _gate;

    public bool Serves(string? model) => _models is not null && (model is null || _modelIds.Contains(model));

    public void SetModels(IReadOnlyList<RoutedModel> models)
    {
        var ids = models.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _modelIds = ids;
            Volatile.Write(ref _models, models);
        }
    }

    public void Begin() => Interlocked.Increment(ref _outstanding);

    public void End() => Interlocked.Decrement(ref _outstanding);

    public void ObserveLatency(TimeSpan latency)
    {
        lock (_gate)
        {
            var ms = latency.TotalMilliseconds;
            _latencyMs = _latencyMs == 0 ? ms : (LatencyWeight * ms) + ((1 - LatencyWeight) * _latencyMs);
        }
    }

    /// <summary>Health fields; read and written under <see cref="Gate"/>.</summary>
    internal sealed class HealthRecord
    {
        public InstanceHealthState State { get; set; }

        public DateTimeOffset? CooldownUntil { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public int ConsecutiveFailures { get; set; }

        public string? LastError { get; set; }

        public DateTimeOffset? LastProbeAt { get; set; }

        /// <summary>Gets the outcomes of the latest requests (true: failed), a ring of the failure window's size.</summary>
        public Queue<bool> Window { get; } = new();

        /// <summary>Gets or sets a value indicating whether the state changed since it was last written to the health store.</summary>
        public bool Dirty { get; set; }
    }

    /// <summary>Totals for statistics; written under <see cref="Gate"/>.</summary>
    internal sealed class InstanceTotals
    {
        public long Requests { get; set; }

        public long Failures { get; set; }

        public long PromptTokens { get; set; }

        public long CompletionTokens { get; set; }
    }
}
