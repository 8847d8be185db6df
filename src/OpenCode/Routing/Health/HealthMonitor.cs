using Microsoft.Extensions.Logging;
using OpenCode.Storage;

namespace OpenCode.Routing.Health;

/// <summary>
/// Probes every instance on an interval (an instance cooling down only once its cooldown is over), discovers the models of
/// instances not reached yet, and shares health through an <see cref="IInstanceHealthStore"/> when one is given.
/// </summary>
internal sealed class HealthMonitor : IAsyncDisposable
{
    private readonly IReadOnlyList<InstanceState> _instances;
    private readonly HealthTracker _tracker;
    private readonly IInstanceHealthStore? _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _interval;
    private ITimer? _timer;
    private Task _round = Task.CompletedTask;
    private int _running;

    public HealthMonitor(IReadOnlyList<InstanceState> instances, HealthTracker tracker, TimeSpan interval, IInstanceHealthStore? store, ILogger logger)
    {
        _instances = instances;
        _tracker = tracker;
        _interval = interval;
        _store = store;
        _logger = logger;
    }

    /// <summary>Starts the timer; the first round runs one interval from now.</summary>
    public void Start()
    {
        lock (_stopping)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _timer ??= _tracker.Time.CreateTimer(_ => OnTick(), null, _interval, _interval);
            }
        }
    }

    /// <summary>Runs one round: share state, then probe (or discover) every instance that is due, in parallel.</summary>
    public async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await PullAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_instances.Where(_tracker.IsDueForProbe).Select(s => CheckAsync(s, cancellationToken))).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Discovers an instance's models; a failure marks it unhealthy. Used at start and for instances not reached yet.</summary>
    public async Task DiscoverAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var start = _tracker.Time.GetTimestamp();
        try
        {
            state.SetModels(await state.Instance.DiscoverModelsAsync(cancellationToken).ConfigureAwait(false));
            _tracker.RecordProbe(state, new ProbeResult(true, _tracker.Time.GetElapsedTime(start), null));
        }
        catch (OpenCodeException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _tracker.RecordProbe(state, new ProbeResult(false, _tracker.Time.GetElapsedTime(start), HealthTracker.Describe(exception)));
        }
    }

    /// <summary>Writes the states that changed to the shared store.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        try
        {
            await WriteChangedAsync(_store, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Health keeps working in this process; the store is tried again next round.
            RouterLog.HealthStoreFailed(_logger, exception);
        }
    }

    private async Task WriteChangedAsync(IInstanceHealthStore store, CancellationToken cancellationToken)
    {

        foreach (var state in _instances)
        {
            InstanceHealthRecord? record = null;
            lock (state.Gate)
            {
                var health = state.Health;
                if (health.Dirty)
                {
                    health.Dirty = false;
                    record = new InstanceHealthRecord(state.Name, health.State != InstanceHealthState.Unhealthy, health.CooldownUntil, health.LastError, health.UpdatedAt);
                }
            }

            if (record is not null)
            {
                try
                {
                    await store.SetAsync(record, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    lock (state.Gate)
                    {
                        state.Health.Dirty = true;
                    }

                    throw;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ITimer? timer;
        lock (_stopping)
        {
            _stopping.Cancel();
            timer = _timer;
        }

        if (timer is not null)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _round.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The round was stopped by disposal.
        }

        _stopping.Dispose();
    }

    private async Task PullAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        IReadOnlyList<InstanceHealthRecord> records;
        try
        {
            records = await _store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RouterLog.HealthStoreFailed(_logger, exception);
            return;
        }

        foreach (var record in records)
        {
            if (_instances.FirstOrDefault(s => string.Equals(s.Name, record.Instance, StringComparison.Ordinal)) is { } state)
            {
                _tracker.Adopt(state, record);
            }
        }
    }

    private async Task CheckAsync(InstanceState state, CancellationToken cancellationToken)
    {
        if (state.Models is null)
        {
            await DiscoverAsync(state, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await state.Instance.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (result.Healthy && !HealthTracker.IsAvailable(state))
        {
            // Coming back: learn the models again, since the server may have restarted with others.
            await DiscoverAsync(state, cancellationToken).ConfigureAwait(false);
            return;
        }

        _tracker.RecordProbe(state, result);
    }

    private void OnTick()
    {
        // One round at a time: a slow round makes the next tick skip, not pile up.
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        _round = RunGuardedAsync();
    }

    private async Task RunGuardedAsync()
    {
        try
        {
            await RunRoundAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            RouterLog.HealthRoundFailed(_logger, exception);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
