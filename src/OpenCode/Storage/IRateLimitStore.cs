namespace OpenCode.Storage;

/// <summary>Counters that several processes share, so a fleet of app instances together stays under one limit.</summary>
/// <remarks>A fixed window per key: the window containing <c>now</c> starts at a whole multiple of its length since the Unix epoch.</remarks>
internal interface IRateLimitStore
{
    /// <summary>Takes <paramref name="permits"/> from the current window of <paramref name="key"/> if that keeps it at or under <paramref name="limit"/>, atomically.</summary>
    /// <param name="key">What is limited (for example <c>requests:endpoint</c>).</param>
    /// <param name="permits">How many to take.</param>
    /// <param name="limit">The most the window may hand out.</param>
    /// <param name="window">The window length.</param>
    /// <param name="now">The current time, from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the permits were taken, and when the window resets.</returns>
    ValueTask<RateLimitDecision> TryAcquireAsync(string key, long permits, long limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>The answer of <see cref="IRateLimitStore.TryAcquireAsync"/>.</summary>
/// <param name="Acquired">Whether the permits were taken.</param>
/// <param name="Used">What the window has handed out, these permits included when taken.</param>
/// <param name="ResetsAt">When the current window ends.</param>
internal readonly record struct RateLimitDecision(bool Acquired, long Used, DateTimeOffset ResetsAt);
