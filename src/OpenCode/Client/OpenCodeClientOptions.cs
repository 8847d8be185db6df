using OpenCode.Auth;
using OpenCode.Configuration;
using OpenCode.Storage;

namespace OpenCode.Client;

/// <summary>Settings of one <see cref="OpenCodeClient"/>: where the server is, the key, and the timeouts.</summary>
internal sealed class OpenCodeClientOptions
{
    /// <summary>Gets the server's base URL, with or without a trailing <c>/v1</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Gets the API key sent as a bearer token; <see langword="null"/> sends none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the header that carries <see cref="ApiKey"/>, for gateways that use e.g. <c>api-key</c> or <c>x-api-key</c>.</summary>
    /// <value>Defaults to <see langword="null"/>, which means <c>Authorization</c>.</value>
    public string? ApiKeyHeaderName { get; init; }

    /// <summary>Gets the scheme written before <see cref="ApiKey"/>; empty sends the bare key.</summary>
    /// <value>Defaults to <see langword="null"/>: <c>Bearer</c> on <c>Authorization</c>, no scheme on other headers.</value>
    public string? ApiKeyScheme { get; init; }

    /// <summary>Gets what puts credentials on requests (OAuth 2.0, JWT, HMAC, or your own); when set, <see cref="ApiKey"/> is not used.</summary>
    public IAuthenticationProvider? Authentication { get; init; }

    /// <summary>Gets a value indicating whether credentials may go over plain HTTP to a host other than this machine.</summary>
    /// <value>Defaults to <see langword="false"/>: the client refuses to start with credentials and such an endpoint.</value>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>
    /// Gets the most time to wait for the first token: the response headers and the first streamed chunk, or the whole answer of a
    /// request that is not streamed.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the first-token wait of streamed requests, when it should differ from <see cref="Timeout"/>.</summary>
    /// <value>Defaults to <see cref="Timeout"/>.</value>
    public TimeSpan? FirstTokenTimeout { get; init; }

    /// <summary>Gets the most time allowed between two chunks of a stream.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets an overall cap on one request, a full stream included.</summary>
    /// <value>Defaults to <see langword="null"/>: none, so a stream that keeps sending runs to its end.</value>
    public TimeSpan? MaxRequestDuration { get; init; }

    /// <summary>Gets the most bytes one server-sent event (or a whole JSON answer) may have; a larger one fails with INVALID_RESPONSE.</summary>
    /// <value>Defaults to 16 MiB.</value>
    public int MaxEventSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Gets the connect timeout, applied when the client creates its own HTTP handler.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets a value indicating whether streamed requests ask for usage (<c>stream_options.include_usage</c>).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool RequestStreamUsage { get; init; } = true;

    /// <summary>
    /// Gets how long a discovery answer (<c>/v1/models</c>, <c>/v1/models/{id}</c>, <c>/props</c>, dialect probes) is shared by every caller
    /// of this client; concurrent callers then also share one request. <see cref="TimeSpan.Zero"/> sends every call.
    /// </summary>
    /// <value>Defaults to zero; <see cref="FromOptions"/> (the provider's clients) uses 5 seconds.</value>
    public TimeSpan DiscoveryCacheDuration { get; init; }

    /// <summary>
    /// Gets where discovery answers are kept between processes (keyed by server and credential description), so a later run against the
    /// same server needs no discovery request; <see langword="null"/> keeps them in memory only. Used when <see cref="DiscoveryCacheDuration"/> is not zero.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>; <see cref="FromOptions"/> uses <see cref="OpenCodeStores.Discovery"/>.</value>
    public IResponseCacheStore? DiscoveryStore { get; init; }

    /// <summary>Gets how long an answer in <see cref="DiscoveryStore"/> is used without asking the server.</summary>
    /// <value>Defaults to 10 minutes.</value>
    public TimeSpan DiscoveryStoreDuration { get; init; } = Client.DiscoveryStore.DefaultTimeToLive;

    /// <summary>Creates client settings from the provider options.</summary>
    /// <param name="options">The provider options.</param>
    /// <param name="endpoint">The endpoint to use (the configured one, or a local server's in direct mode).</param>
    /// <param name="authentication">The credentials built from <see cref="OpenCodeOptions.Auth"/>; <see langword="null"/> uses the API key settings alone.</param>
    /// <param name="stores">The provider's stores; their <see cref="OpenCodeStores.Discovery"/> keeps discovery answers between runs.</param>
    /// <returns>The client settings.</returns>
    public static OpenCodeClientOptions FromOptions(OpenCodeOptions options, Uri endpoint, IAuthenticationProvider? authentication = null, OpenCodeStores? stores = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FromSettings(EndpointSettings.Of(options), endpoint, authentication, stores);
    }

    /// <summary>Creates client settings for one endpoint: its credentials, the top level's timeouts.</summary>
    internal static OpenCodeClientOptions FromSettings(EndpointSettings settings, Uri endpoint, IAuthenticationProvider? authentication, OpenCodeStores? stores)
    {
        var options = settings.Shared;
        return new OpenCodeClientOptions
        {
            Endpoint = endpoint,
            Authentication = authentication,
            AllowInsecureHttp = settings.Auth.AllowInsecureHttp,
            ApiKey = authentication is null ? settings.Auth.ResolveApiKey() : null,
            ApiKeyHeaderName = settings.Auth.ApiKeyHeader,
            ApiKeyScheme = settings.Auth.ApiKeyScheme,
            Timeout = TimeSpan.FromMilliseconds(options.Timeout),
            FirstTokenTimeout = options.FirstTokenTimeout is { } ft ? TimeSpan.FromMilliseconds(ft) : null,
            IdleTimeout = TimeSpan.FromMilliseconds(options.IdleTimeout),
            MaxRequestDuration = options.MaxRequestDuration is { } cap ? TimeSpan.FromMilliseconds(cap) : null,
            MaxEventSize = options.MaxEventSize,
            ConnectTimeout = TimeSpan.FromMilliseconds(options.ConnectTimeout),
            DiscoveryCacheDuration = DiscoveryCache.DefaultTimeToLive,
            DiscoveryStore = stores?.Discovery,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OpenCodeClientOptions {{ Endpoint = {Endpoint}, ApiKey = {(ApiKey is null ? "(none)" : "***")}, Authentication = {Authentication?.Description ?? "(none)"}, Timeout = {Timeout} }}";
}
