namespace OpenCode.Storage.InMemory;

/// <summary>Fixed-window counters in this process's memory; shared by the limiters of one process only.</summary>
/// <remarks>
/// Bounded: a key keeps only windows within <see cref="RateLimitWindow.Retention"/>, and a key none of whose windows is
/// that recent (a model no longer used) is dropped by a sweep that runs at most once per ten minutes.
/// </remarks>
internal sealed class InMemoryRateLimitStore : IRateLimitStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);
    private readonly object _gate = new();
    private readonly Dictionary<string, KeyWindows> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Gets how many keys hold windows (what the store's memory grows with).</summary>
    internal int KeyCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> TryAcquireAsync(string key, long permits, long limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RateLimitWindow.Check(key, permits, limit, window);
        var start = RateLimitWindow.StartOf(now, window);
        var resetsAt = start + window;
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var windows))
            {
                _keys[key] = windows = new KeyWindows(window);
            }

            var used = windows.Used.GetValueOrDefault(start);
            if (used + permits > limit)
            {
                return ValueTask.FromResult(new RateLimitDecision(false, used, resetsAt));
            }

            if (used == 0)
            {
                // A new window: drop the ones past retention (a late caller may still take from a recent one).
                windows.DropBefore(start);
                Sweep(now, key);
            }

            windows.Used[start] = used + permits;
            return ValueTask.FromResult(new RateLimitDecision(true, used + permits, resetsAt));
        }
    }

    private void Sweep(DateTimeOffset now, string taking)
    {
        if (now - _lastSweep < SweepInterval)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, windows) in _keys.ToList())
        {
            windows.DropBefore(RateLimitWindow.StartOf(now, windows.Length));
            if (windows.Used.Count == 0 && key != taking)
            {
                _keys.Remove(key);
            }
        }
    }

    private sealed class KeyWindows(TimeSpan length)
    {
        public TimeSpan Length => length;

        public Dictionary<DateTimeOffset, long> Used { get; } = [];

        /// <summary>Drops the windows past retention as seen from the window starting at <paramref name="current"/>.</summary>
        public void DropBefore(DateTimeOffset current)
        {
            var oldest = current - RateLimitWindow.Retention(length);
            foreach (var old in Used.Keys.Where(s => s < oldest).ToList())
            {
                Used.Remove(old);
            }
        }
    }
}
