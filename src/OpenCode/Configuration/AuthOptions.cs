namespace OpenCode.Configuration;

/// <summary>How to authenticate to the server: an API key (the default), OAuth 2.0, or a signed JWT; optionally HMAC request signing.</summary>
/// <remarks>Secrets are masked in <see cref="ToString"/> and never logged. Prefer <see cref="Credential"/> or environment variables to inline secrets.</remarks>
public sealed class AuthOptions
{
    /// <summary>Gets or sets the API key sent as a bearer token; <see langword="null"/> sends none.</summary>
    /// <remarks>Never logged, and masked in <see cref="ToString"/>.</remarks>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the API key, read when <see cref="ApiKey"/> is not set.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the header that carries the key, for gateways that use e.g. <c>api-key</c> or <c>x-api-key</c>.</summary>
    /// <value>Defaults to <see langword="null"/>, which means <c>Authorization</c>.</value>
    public string? ApiKeyHeader { get; set; }

    /// <summary>Gets or sets the scheme written before the key; empty sends the bare key.</summary>
    /// <value>Defaults to <see langword="null"/>: <c>Bearer</c> on <c>Authorization</c>, no scheme on other headers.</value>
    public string? ApiKeyScheme { get; set; }

    /// <summary>
    /// Gets or sets the name of a stored credential (see <see cref="OpenCode.Auth.ICredentialStore"/>, <c>opencode auth set NAME</c>);
    /// its kind says where it goes: an API key, an OAuth 2.0 client secret or refresh token, or a JWT private key.
    /// </summary>
    public string? Credential { get; set; }

    /// <summary>Gets or sets a value indicating whether credentials may be sent over plain HTTP to a host other than this machine.</summary>
    /// <value>Defaults to <see langword="false"/>: a credential goes to a non-loopback host only over HTTPS.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the OAuth 2.0 settings; used when <see cref="OAuth2Options.TokenUrl"/> is set.</summary>
    public OAuth2Options Oauth2 { get; set; } = new();

    /// <summary>Gets or sets the JWT bearer assertion settings; used when a private key is configured.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Gets or sets the HMAC request signing settings; signs every request when a secret is configured.</summary>
    public HmacOptions Hmac { get; set; } = new();

    /// <summary>Returns the key to use: <see cref="ApiKey"/>, else the variable named by <see cref="ApiKeyEnvironmentVariable"/>.</summary>
    /// <returns>The key, or <see langword="null"/> for none.</returns>
    public string? ResolveApiKey() => SecretSource.Resolve(ApiKey, ApiKeyEnvironmentVariable);

    /// <inheritdoc />
    public override string ToString() =>
        $"AuthOptions {{ ApiKey = {SecretSource.Mask(ApiKey)}, ApiKeyEnvironmentVariable = {ApiKeyEnvironmentVariable ?? "(none)"}, " +
        $"ApiKeyHeader = {ApiKeyHeader ?? "Authorization"}, Credential = {Credential ?? "(none)"}, AllowInsecureHttp = {AllowInsecureHttp}, " +
        $"Oauth2 = {Oauth2}, Jwt = {Jwt}, Hmac = {Hmac} }}";
}
