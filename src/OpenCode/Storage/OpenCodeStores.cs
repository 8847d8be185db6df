using OpenCode.Storage.InMemory;

namespace OpenCode.Storage;

/// <summary>The state stores a provider uses: usage ledger, shared rate-limit counters, response cache and instance health.</summary>
/// <remarks>The default keeps everything in this process's memory; the SQLite and PostgreSQL packages provide durable and shared ones.</remarks>
public sealed class OpenCodeStores
{
    /// <summary>Gets the usage ledger.</summary>
    public required IUsageStore Usage { get; init; }

    /// <summary>Gets the shared rate-limit counters, or <see langword="null"/> when limits are per process only.</summary>
    internal IRateLimitStore? RateLimits { get; init; }

    /// <summary>Gets the response cache store (in memory unless a storage package sets a shared one).</summary>
    internal IResponseCacheStore Cache { get; init; } = new InMemoryResponseCacheStore(new InMemoryStoreOptions());

    /// <summary>Gets the instance health store (in memory unless a storage package sets a shared one).</summary>
    internal IInstanceHealthStore Health { get; init; } = new InMemoryInstanceHealthStore();

    /// <summary>
    /// Gets where discovery answers (<c>/v1/models</c>, <c>/props</c>, probes) are kept between processes, or <see langword="null"/> to keep
    /// them in memory for a few seconds only. The CLI sets its SQLite cache here, so a second command needs no discovery request.
    /// </summary>
    internal IResponseCacheStore? Discovery { get; init; }

    /// <summary>Creates stores that live in this process's memory: nothing survives a restart and nothing is shared with other processes.</summary>
    /// <param name="shareRateLimits">
    /// Whether to set <see cref="RateLimits"/> to in-memory counters, so several providers of this process share one limit;
    /// otherwise it stays <see langword="null"/> and each provider limits on its own.
    /// </param>
    /// <param name="options">How much the stores keep (the ledger's recent records and retention, the cache's size); <see langword="null"/> uses the defaults.</param>
    /// <returns>The stores.</returns>
    /// <remarks>
    /// Every store is bounded: the ledger keeps recent records one by one and older usage as hourly totals for a retention
    /// period, the cache a maximum of entries, the rate-limit counters recent windows of keys still in use, the health store
    /// one record per configured instance.
    /// </remarks>
    public static OpenCodeStores CreateInMemory(bool shareRateLimits = false, InMemoryStoreOptions? options = null)
    {
        options = (options ?? new InMemoryStoreOptions()).Validated();
        return new()
        {
            Usage = new InMemoryUsageStore(options),
            RateLimits = shareRateLimits ? new InMemoryRateLimitStore() : null,
            Cache = new InMemoryResponseCacheStore(options),
            Health = new InMemoryInstanceHealthStore(),
        };
    }
}
