namespace OpenCode.Storage;

/// <summary>The fixed-window arithmetic every <see cref="IRateLimitStore"/> shares, so all of them cut windows at the same instants.</summary>
internal static class RateLimitWindow
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

    /// <summary>
    /// Returns how long a store keeps a window after the current one started: two windows, and at least ten minutes.
    /// </summary>
    /// <param name="window">The window length.</param>
    /// <returns>The retention.</returns>
    /// <remarks>
    /// Callers read the clock before their take reaches the store, so a take can arrive after another process has
    /// opened the next window. Had its own window been deleted, the late take would open it afresh and grant past
    /// the limit; keeping recent windows makes it count where it belongs.
    /// </remarks>
    public static TimeSpan Retention(TimeSpan window) => window * 2 > TimeSpan.FromMinutes(10) ? window * 2 : TimeSpan.FromMinutes(10);

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
