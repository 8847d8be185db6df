namespace OpenCode.Storage.InMemory;

/// <summary>Fixed-window counters in this process's memory; shared by the limiters of one process only.</summary>
internal sealed class InMemoryRateLimitStore : IRateLimitStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<DateTimeOffset, long>> _windows = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> TryAcquireAsync(string key, long permits, long limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RateLimitWindow.Check(key, permits, limit, window);
        var start = RateLimitWindow.StartOf(now, window);
        var resetsAt = start + window;
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var windows))
            {
                _windows[key] = windows = [];
            }

            var used = windows.GetValueOrDefault(start);
            if (used + permits > limit)
            {
                return ValueTask.FromResult(new RateLimitDecision(false, used, resetsAt));
            }

            if (used == 0)
            {
                // A new window: drop the ones past retention (a late caller may still take from a recent one).
                var oldest = start - RateLimitWindow.Retention(window);
                foreach (var old in windows.Keys.Where(s => s < oldest).ToList())
                {
                    windows.Remove(old);
                }
            }

            windows[start] = used + permits;
            return ValueTask.FromResult(new RateLimitDecision(true, used + permits, resetsAt));
        }
    }
}
