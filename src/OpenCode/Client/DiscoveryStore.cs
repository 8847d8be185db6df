using System.Text;
using Microsoft.Extensions.Logging;
using OpenCode.Storage;

namespace OpenCode.Client;

/// <summary>
/// Discovery answers kept between runs in a <see cref="IResponseCacheStore"/> (the CLI's SQLite file), so a second command against the
/// same server needs no discovery request. Keyed by the server root and the credential's description; expires after a set time, since
/// without asking there is no telling that the server changed. A store that fails is skipped: the answer is fetched as if it had none.
/// </summary>
internal sealed class DiscoveryStore(IResponseCacheStore store, string identity, TimeSpan timeToLive, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>How long the CLI trusts a stored answer without asking the server.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromMinutes(10);

    public async Task<byte[]> GetOrFetchAsync(string key, Func<CancellationToken, Task<byte[]>> fetch, CancellationToken cancellationToken)
    {
        var storeKey = "discovery|" + identity + "|" + key;
        try
        {
            if (await store.GetAsync(storeKey, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return Encoding.UTF8.GetBytes(stored);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ClientLog.DiscoveryStoreFailed(logger, ex.GetType().Name);
        }

        var body = await fetch(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.SetAsync(storeKey, Encoding.UTF8.GetString(body), timeProvider.GetUtcNow() + timeToLive, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ClientLog.DiscoveryStoreFailed(logger, ex.GetType().Name);
        }

        return body;
    }
}
