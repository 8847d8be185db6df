namespace OpenCode.Storage.InMemory;

/// <summary>Fixed-window counters in this process's memory; shared by the limiters of one process only.</summary>
internal sealed class InMemoryRateLimitStore : IRateLimitStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (DateTimeOffset WindowStart, long Used)> _windows = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> TryAcquireAsync(string key, long permits, long limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RateLimitWindow.Check(key, permits, limit, window);
        var start = RateLimitWindow.StartOf(now, window);
        var resetsAt = start + window;
        lock (_gate)
        {
            var used = _windows.TryGetValue(key, out var current) && current.WindowStart == start ? current.Used : 0;
            if (used + permits > limit)
            {
                return ValueTask.FromResult(new RateLimitDecision(false, used, resetsAt));
            }

            _windows[key] = (start, used + permits);
            return ValueTask.FromResult(new RateLimitDecision(true, used + permits, resetsAt));
        }
    }
}
