namespace OpenCode.Storage;

/// <summary>The fixed-window arithmetic every <see cref="IRateLimitStore"/> shares, so all of them cut windows at the same instants.</summary>
public static class RateLimitWindow
{
    /// <summary>Returns the start of the window that contains <paramref name="now"/>: a whole multiple of <paramref name="window"/> since the Unix epoch.</summary>
    /// <param name="now">The time.</param>
    /// <param name="window">The window length; at least one millisecond.</param>
    /// <returns>The window's start, in UTC.</returns>
    public static DateTimeOffset StartOf(DateTimeOffset now, TimeSpan window)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new DateTimeOffset(now.UtcTicks - (((sinceEpoch % window.Ticks) + window.Ticks) % window.Ticks), TimeSpan.Zero);
    }

    /// <summary>Checks the arguments of <see cref="IRateLimitStore.TryAcquireAsync"/>.</summary>
    /// <param name="key">The key; not empty.</param>
    /// <param name="permits">The permits; not negative.</param>
    /// <param name="limit">The limit; not negative.</param>
    /// <param name="window">The window; at least one millisecond.</param>
    public static void Check(string key, long permits, long limit, TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
    }
}
