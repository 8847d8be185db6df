namespace OpenCode.Limits;

/// <summary>Tokens per minute as a bucket that refills continuously, from which a request reserves its estimate and later settles the real count.</summary>
/// <remarks>
/// Hand-written because the limiters of <c>System.Threading.RateLimiting</c> cannot take permits back: a request that reserved
/// 1,000 tokens and used 40 must return the rest. Waiters take turns in arrival order, so a large request is not starved by small ones.
/// </remarks>
internal sealed class TokenBudget : IDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private readonly double _perTick;
    private double _available;
    private long _lastRefill;
    private int _waiting;

    public TokenBudget(long capacity, TimeSpan refillPeriod, TimeProvider timeProvider)
    {
        Capacity = capacity;
        _timeProvider = timeProvider;
        _perTick = capacity / (refillPeriod.TotalSeconds * timeProvider.TimestampFrequency);
        _available = capacity;
        _lastRefill = timeProvider.GetTimestamp();
    }

    public long Capacity { get; }

    /// <summary>Gets the tokens available now (negative while a request that used more than it reserved is paid off).</summary>
    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _available;
            }
        }
    }

    /// <summary>Takes tokens if there are enough and nobody is waiting ahead; otherwise says how long until there would be.</summary>
    public bool TryTake(long tokens, out TimeSpan retryAfter) => TryTakeCore(tokens, respectWaiters: true, out retryAfter);

    /// <summary>Waits until the tokens can be taken, in turn with other waiters.</summary>
    public async ValueTask TakeAsync(long tokens, CancellationToken cancellationToken)
    {
        if (TryTake(tokens, out _))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (!TryTakeCore(tokens, respectWaiters: false, out var wait))
                {
                    await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Says how long until <paramref name="tokens"/> would be available, ignoring waiters.</summary>
    public TimeSpan TimeUntilAvailable(long tokens)
    {
        lock (_gate)
        {
            Refill();
            return _available >= tokens ? TimeSpan.Zero : TimeUntil(tokens);
        }
    }

    /// <summary>Settles a reservation: returns what was not used, or takes what was used beyond it (the bucket may go negative).</summary>
    public void Settle(long reserved, long used)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(Capacity, _available + reserved - used);
        }
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>Takes the tokens when there are enough; a newcomer (<paramref name="respectWaiters"/>) also lets earlier waiters go first.</summary>
    private bool TryTakeCore(long tokens, bool respectWaiters, out TimeSpan wait)
    {
        lock (_gate)
        {
            Refill();
            if (_available >= tokens && (!respectWaiters || Volatile.Read(ref _waiting) == 0))
            {
                _available -= tokens;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeUntil(tokens);
            return false;
        }
    }

    private TimeSpan TimeUntil(long tokens)
    {
        var ticks = Math.Ceiling((tokens - _available) / _perTick);
        return TimeSpan.FromSeconds(Math.Max(ticks, 1) / _timeProvider.TimestampFrequency);
    }

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        _available = Math.Min(Capacity, _available + ((now - _lastRefill) * _perTick));
        _lastRefill = now;
    }
}
