namespace OpenCode.Storage.InMemory;

/// <summary>Cached responses in this process's memory, at most <see cref="InMemoryStoreOptions.CacheMaxEntries"/> of them.</summary>
internal sealed class InMemoryResponseCacheStore(InMemoryStoreOptions options) : IResponseCacheStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Payload, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<string?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return ValueTask.FromResult<string?>(null);
            }

            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
                return ValueTask.FromResult<string?>(null);
            }

            return ValueTask.FromResult<string?>(entry.Payload);
        }
    }

    /// <inheritdoc />
    public ValueTask SetAsync(string key, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        lock (_gate)
        {
            if (_entries.Count >= options.CacheMaxEntries && !_entries.ContainsKey(key))
            {
                // Full: the entry that expires soonest makes room (an expired one always does first).
                _entries.Remove(_entries.MinBy(e => e.Value.ExpiresAt).Key);
            }

            _entries[key] = (payload, expiresAt);
        }

        return ValueTask.CompletedTask;
    }
}
