namespace OpenCode.Client;

/// <summary>
/// The discovery GETs of one client (<c>/v1/models</c>, <c>/props</c>, <c>/v1/models/{id}</c>, dialect probes), single-flight and
/// kept for a few seconds: every caller that asks for the same resource meanwhile (provider start-up, dialect probes, credential check,
/// family detection, CLI commands) shares one request. Only successful answers outlive their request; a failure reaches the callers
/// waiting on it and the next caller asks again.
/// </summary>
/// <remarks>Holds raw bodies, one per resource the server offers; each caller parses its own copy. A zero time to live turns it off.</remarks>
internal sealed class DiscoveryCache(TimeProvider timeProvider, TimeSpan timeToLive)
{
    /// <summary>How long a discovery answer is reused: long enough to cover a start-up burst, short enough that a refresh sees changes.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<Uri, (Task<byte[]> Body, long StartedAt)> _entries = [];

    /// <summary>Returns the body of <paramref name="uri"/>: the one being fetched, a fresh one, or one <paramref name="fetch"/> gets now.</summary>
    /// <param name="uri">The resource.</param>
    /// <param name="fetch">Gets the body; it runs under the token of the caller that started it.</param>
    /// <param name="cancellationToken">Stops this caller's wait (and the fetch, when this caller started it).</param>
    public async Task<byte[]> GetAsync(Uri uri, Func<CancellationToken, Task<byte[]>> fetch, CancellationToken cancellationToken)
    {
        if (timeToLive <= TimeSpan.Zero)
        {
            return await fetch(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            Task<byte[]> body;
            lock (_gate)
            {
                var now = timeProvider.GetTimestamp();
                if (!_entries.TryGetValue(uri, out var entry) || !Usable(entry, now))
                {
                    Prune(now);
                    entry = (fetch(cancellationToken), now);
                    _entries[uri] = entry;
                }

                body = entry.Body;
            }

            try
            {
                return await body.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && body.IsCanceled)
            {
                // The caller that started the shared fetch gave up; this one still wants the answer: ask again.
            }
        }
    }

    /// <summary>Forgets every answer, so the next caller asks the server.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private bool Usable((Task<byte[]> Body, long StartedAt) entry, long now) =>
        !entry.Body.IsCompleted || (entry.Body.IsCompletedSuccessfully && timeProvider.GetElapsedTime(entry.StartedAt, now) < timeToLive);

    private void Prune(long now)
    {
        foreach (var (uri, entry) in _entries.Where(e => !Usable(e.Value, now)).ToList())
        {
            _entries.Remove(uri);
        }
    }
}
