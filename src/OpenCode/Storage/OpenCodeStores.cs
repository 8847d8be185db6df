using OpenCode.Storage.InMemory;

namespace OpenCode.Storage;

/// <summary>The state stores a provider uses: usage ledger, shared rate-limit counters, response cache and instance health.</summary>
/// <remarks>The default keeps everything in this process's memory; the SQLite and PostgreSQL packages provide durable and shared ones.</remarks>
public sealed class OpenCodeStores
{
    /// <summary>Gets the usage ledger.</summary>
    public required IUsageStore Usage { get; init; }

    /// <summary>Gets the shared rate-limit counters, or <see langword="null"/> when limits are per process only.</summary>
    public IRateLimitStore? RateLimits { get; init; }

    /// <summary>Gets the response cache store.</summary>
    public required IResponseCacheStore Cache { get; init; }

    /// <summary>Gets the instance health store.</summary>
    public required IInstanceHealthStore Health { get; init; }

    /// <summary>Creates stores that live in this process's memory: nothing survives a restart and nothing is shared with other processes.</summary>
    /// <param name="shareRateLimits">
    /// Whether to set <see cref="RateLimits"/> to in-memory counters, so several providers of this process share one limit;
    /// otherwise it stays <see langword="null"/> and each provider limits on its own.
    /// </param>
    /// <returns>The stores.</returns>
    public static OpenCodeStores CreateInMemory(bool shareRateLimits = false) => new()
    {
        Usage = new InMemoryUsageStore(),
        RateLimits = shareRateLimits ? new InMemoryRateLimitStore() : null,
        Cache = new InMemoryResponseCacheStore(),
        Health = new InMemoryInstanceHealthStore(),
    };
}
