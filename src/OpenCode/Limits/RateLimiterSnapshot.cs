namespace OpenCode.Limits;

/// <summary>What an <see cref="OpenCodeRateLimiter"/> holds at one moment.</summary>
/// <param name="InFlight">Requests holding a concurrency slot.</param>
/// <param name="Queued">Requests waiting for a slot.</param>
/// <param name="AvailableSlots">Free concurrency slots.</param>
/// <param name="PausedUntil">When a server's <c>Retry-After</c> stops pausing new requests, or <see langword="null"/>.</param>
public readonly record struct RateLimiterSnapshot(int InFlight, long Queued, long AvailableSlots, DateTimeOffset? PausedUntil);
