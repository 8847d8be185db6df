using Microsoft.Extensions.Logging;
using OpenCode.Configuration;

namespace OpenCode.Local.InProcess;

/// <summary>
/// The lifecycle of one in-process model: loaded on first use, unloaded after <see cref="LocalServerOptions.IdleUnloadTimeout"/> without
/// requests (timed by the injected clock), loaded again by the next request. Requests take the model one at a time (llama.cpp decodes
/// one batch at a time in a context); at most <see cref="LocalServerOptions.MaxQueuedRequests"/> wait, one more is turned away with QUEUE_FULL.
/// </summary>
internal sealed class ModelHost(ModelFacts facts, LocalServerOptions options, TimeProvider time, ILogger logger, Func<ModelFacts, LoadedModel> load)
    : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _timerLock = new();
    private LoadedModel? _model;
    private ITimer? _idleTimer;
    private int _admitted;
    private bool _disposed;

    /// <summary>Gets a value indicating whether the model is in memory now.</summary>
    public bool IsLoaded => Volatile.Read(ref _model) is not null;

    /// <summary>Gets how many times the model was loaded.</summary>
    public int LoadCount { get; private set; }

    /// <summary>Waits for the model's turn (loading it if needed); dispose the lease to hand the turn on.</summary>
    public async Task<ModelLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _admitted) > options.MaxQueuedRequests + 1)
        {
            Interlocked.Decrement(ref _admitted);
            throw new OpenCodeException(
                OpenCodeErrorCodes.QueueFull,
                $"The in-process model '{facts.Name}' is busy and {options.MaxQueuedRequests} requests already wait for it (localServer.maxQueuedRequests).");
        }

        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }

        try
        {
            CancelIdleTimer();
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_model is null)
            {
                LocalModelLog.Loading(logger, facts.Name, facts.ContextSize);
                _model = await Task.Run(() => load(facts), cancellationToken).ConfigureAwait(false);
                LoadCount++;
            }

            return new ModelLease(this, _model);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Unloads the model now if no request holds it; the next request loads it again.</summary>
    /// <returns>Whether it was unloaded.</returns>
    public bool TryUnload()
    {
        if (!_turn.Wait(0))
        {
            return false;
        }

        try
        {
            return UnloadHoldingTurn();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Unloads the model once the request that holds it (if any) hands its turn back; the next request loads it again.</summary>
    /// <param name="cancellationToken">Cancels the wait for the turn.</param>
    /// <returns>A task that completes when the model is out of memory.</returns>
    public async Task UnloadAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CancelIdleTimer();
            UnloadHoldingTurn();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Unloads the model now, or, while a request holds it, when that request hands its turn back.</summary>
    public void Dispose()
    {
        _disposed = true;
        CancelIdleTimer();
        TryUnload();
    }

    internal void Release()
    {
        if (_disposed)
        {
            UnloadHoldingTurn();
        }
        else if (options.IdleUnloadTimeout > 0)
        {
            lock (_timerLock)
            {
                _idleTimer?.Dispose();
                _idleTimer = time.CreateTimer(static state => ((ModelHost)state!).TryUnload(), this, TimeSpan.FromMilliseconds(options.IdleUnloadTimeout), Timeout.InfiniteTimeSpan);
            }
        }

        Interlocked.Decrement(ref _admitted);
        _turn.Release();
    }

    private bool UnloadHoldingTurn()
    {
        var model = _model;
        if (model is null)
        {
            return false;
        }

        _model = null;
        model.Dispose();
        LocalModelLog.Unloaded(logger, facts.Name);
        return true;
    }

    private void CancelIdleTimer()
    {
        lock (_timerLock)
        {
            _idleTimer?.Dispose();
            _idleTimer = null;
        }
    }
}
