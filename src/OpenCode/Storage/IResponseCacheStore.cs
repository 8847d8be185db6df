namespace OpenCode.Storage;

/// <summary>Stores cached responses by key, each with an expiry.</summary>
/// <remarks>The payload is opaque to the store (the response cache serializes it), so every store keeps the same shape.</remarks>
internal interface IResponseCacheStore
{
    /// <summary>Reads an entry that has not expired.</summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="now">The current time, from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The payload, or <see langword="null"/> when there is none or it has expired.</returns>
    ValueTask<string?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Writes or replaces an entry.</summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="expiresAt">When it expires.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    ValueTask SetAsync(string key, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
