namespace OpenCode.Client;

/// <summary>The one place OpenCode's HTTP handler settings live (used by <see cref="OpenCodeClient"/> and the DI registration).</summary>
internal static class HttpHandlerFactory
{
    /// <summary>Gets how long a pooled connection lives, so DNS changes are picked up.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static SocketsHttpHandler Create(TimeSpan connectTimeout) => new()
    {
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = PooledConnectionLifetime,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),

        // A redirect could carry a request (and its bearer token) to another host; servers here never need one.
        AllowAutoRedirect = false,

        // Never drain an abandoned stream to reuse its connection: closing it at once is what makes the server
        // notice a cancelled generation and stop (draining would let it generate on for up to 2 s).
        MaxResponseDrainSize = 0,
    };
}
