using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>The exact-match response cache of a router, and answering from it when no instance can (offline fallback).</summary>
public sealed class ResponseCacheOptions
{
    /// <summary>Gets or sets a value indicating whether answers to deterministic requests (temperature 0) are cached and served from the cache.</summary>
    /// <value>Defaults to <see langword="true"/>. Needs a response cache store to be registered.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how long a cached answer is kept, in seconds.</summary>
    /// <value>Defaults to 3600; 1 to 2592000 (30 days).</value>
    [Range(1, 2_592_000)]
    public int Ttl { get; set; } = 3600;

    /// <summary>
    /// Gets or sets a value indicating whether, when no instance can answer, a cached answer to the same request is returned
    /// (marked <see cref="RouteInfo.Offline"/>). With it on, answers of every temperature are stored, and those not at
    /// temperature 0 are served only offline.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool OfflineFallback { get; set; }
}
