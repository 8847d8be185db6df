using System.Threading.RateLimiting;

namespace OpenCode.Limits;

/// <summary>Permission to send one request: a concurrency slot held until the request ends, and the tokens reserved for it.</summary>
/// <remarks>Dispose it on every path (success, error, cancellation, abandoned enumeration); disposing twice is harmless.</remarks>
internal sealed class RateLimitGrant : IDisposable
{
    private readonly RateLimitLease _slot;
    private readonly TokenBudget _tokens;
    private int _settled;
    private int _disposed;

    internal RateLimitGrant(string model, bool isFallback, long reservedTokens, TimeSpan waited, RateLimitLease slot, TokenBudget tokens)
    {
        Model = model;
        IsFallback = isFallback;
        ReservedTokens = reservedTokens;
        Waited = waited;
        _slot = slot;
        _tokens = tokens;
    }

    /// <summary>Gets the model the request may use: the requested one, or the configured fallback when its limits were spent.</summary>
    public string Model { get; }

    /// <summary>Gets a value indicating whether <see cref="Model"/> is the fallback model.</summary>
    public bool IsFallback { get; }

    /// <summary>Gets the tokens reserved before sending (the prompt estimate plus the most the request may generate).</summary>
    public long ReservedTokens { get; }

    /// <summary>Gets how long the request waited in the client-side queue.</summary>
    public TimeSpan Waited { get; }

    /// <summary>Replaces the reservation with the tokens the server reported; only the first call counts.</summary>
    /// <param name="usedTokens">The prompt and generated tokens the request really used.</param>
    public void Settle(long usedTokens)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _tokens.Settle(ReservedTokens, usedTokens);
        }
    }

    /// <summary>Frees the concurrency slot; an unsettled reservation stays charged, since the server may have used it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _slot.Dispose();
        }
    }
}
