using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>OAuth 2.0 settings: an access token from a token endpoint, by the client-credentials or the refresh-token grant.</summary>
public sealed class OAuth2Options
{
    /// <summary>The client-credentials grant: the client authenticates as itself.</summary>
    public const string ClientCredentialsGrant = "client_credentials";

    /// <summary>The refresh-token grant: a refresh token obtained once (for a user) buys access tokens.</summary>
    public const string RefreshTokenGrant = "refresh_token";

    /// <summary>Gets or sets the token endpoint; <see langword="null"/> turns OAuth 2.0 off.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>Gets or sets the grant: <c>client_credentials</c> or <c>refresh_token</c>.</summary>
    /// <value>Defaults to <c>client_credentials</c>.</value>
    public string GrantType { get; set; } = ClientCredentialsGrant;

    /// <summary>Gets or sets the client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret. Prefer <see cref="ClientSecretEnvironmentVariable"/> or a stored credential.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the client secret.</summary>
    public string? ClientSecretEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the refresh token for the <c>refresh_token</c> grant. Prefer a stored credential, which keeps a rotated token.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the refresh token.</summary>
    public string? RefreshTokenEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the scopes asked for; empty asks for none (the server's default).</summary>
    public IList<string> Scopes { get; set; } = [];

    /// <summary>Gets or sets how many seconds before expiry a token is refreshed.</summary>
    /// <value>Defaults to 60; 0 to 3600.</value>
    [Range(0, 3600)]
    public int RefreshSkewSeconds { get; set; } = 60;

    /// <inheritdoc />
    public override string ToString() =>
        $"OAuth2Options {{ TokenUrl = {TokenUrl ?? "(none)"}, GrantType = {GrantType}, ClientId = {ClientId ?? "(none)"}, " +
        $"ClientSecret = {SecretSource.Mask(ClientSecret)}, RefreshToken = {SecretSource.Mask(RefreshToken)}, Scopes = [{string.Join(' ', Scopes ?? [])}] }}";
}
