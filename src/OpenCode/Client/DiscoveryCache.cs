using System.Security.Cryptography;
using System.Text;

namespace OpenCode.Client;

/// <summary>
/// The discovery answers of one client (<c>/v1/models</c>, <c>/props</c>, <c>/v1/models/{id}</c>, dialect probes, the vocabulary probe),
/// single-flight and kept for a few seconds: every caller that asks for the same resource meanwhile (provider start-up, dialect probes,
/// credential check, family detection, CLI commands) shares one request. Only successful answers outlive their request; a failure
/// reaches the callers waiting on it and the next caller asks again. With a store (the CLI's SQLite file), answers also outlive the
/// process for <see cref="OpenCodeClientOptions.DiscoveryStoreDuration"/>, keyed by the server and the credential's description.
/// </summary>
/// <remarks>Holds raw bodies, one per resource the server offers; each caller parses its own copy. A zero time to live turns it off.</remarks>
internal sealed class DiscoveryCache(TimeProvider timeProvider, TimeSpan timeToLive, DiscoveryStore? store = null)
{
    /// <summary>The longest POST body a key holds as it is.</summary>
    internal const int MaxBodyInKey = 1024;

    /// <summary>How long a discovery answer is reused in memory: long enough to cover a start-up burst, short enough that a refresh sees changes.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Task<byte[]> Body, long StartedAt)> _entries = new(StringComparer.Ordinal);
    private bool _storeBypassed;

    /// <summary>The key of a POST: the URI and the body itself, or a hash of a body longer than <see cref="MaxBodyInKey"/> bytes.</summary>
    /// <remarks>
    /// The vocabulary probe's body is a few hundred bytes: kept whole it cannot collide, and the platform's crypto library is not loaded
    /// for it (its first use costs a CLI start 10–20 ms). Longer bodies are hashed so that keys stay short enough for a database index.
    /// </remarks>
    public static string KeyOf(Uri uri, ReadOnlySpan<byte> body) =>
        uri.AbsoluteUri + "#" + (body.Length <= MaxBodyInKey ? Encoding.UTF8.GetString(body) : Convert.ToHexString(SHA256.HashData(body)));

    /// <summary>Returns the body for <paramref name="key"/>: the one being fetched, a fresh one, or one <paramref name="fetch"/> gets now.</summary>
    /// <param name="key">The resource (its absolute URI, or <see cref="KeyOf"/> for a POST).</param>
    /// <param name="fetch">Gets the body; it runs under the token of the caller that started it.</param>
    /// <param name="cancellationToken">Stops this caller's wait (and the fetch, when this caller started it).</param>
    public async Task<byte[]> GetAsync(string key, Func<CancellationToken, Task<byte[]>> fetch, CancellationToken cancellationToken)
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
                if (!_entries.TryGetValue(key, out var entry) || !Usable(entry, now))
                {
                    Prune(now);
                    entry = (store is null || _storeBypassed ? fetch(cancellationToken) : store.GetOrFetchAsync(key, fetch, cancellationToken), now);
                    _entries[key] = entry;
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

    /// <summary>Forgets every answer, and from now on reads none from the store, so the next caller asks the server.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _storeBypassed = true;
        }
    }

    private bool Usable((Task<byte[]> Body, long StartedAt) entry, long now) =>
        !entry.Body.IsCompleted || (entry.Body.IsCompletedSuccessfully && timeProvider.GetElapsedTime(entry.StartedAt, now) < timeToLive);

    private void Prune(long now)
    {
        foreach (var (key, entry) in _entries.Where(e => !Usable(e.Value, now)).ToList())
        {
            _entries.Remove(key);
        }
    }
}
