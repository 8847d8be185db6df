using System.Text;
using OpenCode.Configuration;

namespace OpenCode.Auth;

/// <summary>Builds the <see cref="IAuthenticationProvider"/> that <see cref="AuthOptions"/> describe, reading stored credentials by name.</summary>
internal static class AuthenticationFactory
{
    /// <summary>Creates the provider, or returns <see langword="null"/> when no credential is configured.</summary>
    /// <exception cref="OpenCodeConfigurationException">A credential is missing, malformed, of the wrong kind, or would travel over plain HTTP.</exception>
    public static async Task<IAuthenticationProvider?> CreateAsync(AuthOptions auth, Uri endpoint, AuthenticationServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var stored = await ReadStoredAsync(auth.Credential, "auth.credential", services.Store, cancellationToken).ConfigureAwait(false);
        var primary = CreatePrimary(auth, stored, services);
        var hmacCredential = await ReadStoredAsync(auth.Hmac.Credential, "auth.hmac.credential", services.Store, cancellationToken).ConfigureAwait(false);
        var authentication = HmacSecret(auth.Hmac, hmacCredential) is { } secret
            ? new HmacRequestSigner(primary, Encoding.UTF8.GetBytes(secret), auth.Hmac.KeyId, services.TimeProvider)
            : primary;
        if (authentication is not null)
        {
            TransportSecurity.EnsureSecure(endpoint, auth.AllowInsecureHttp, "apiEndpoint");
        }

        return authentication;
    }

    private static IAuthenticationProvider? CreatePrimary(AuthOptions auth, (string Name, StoredCredential Credential)? stored, AuthenticationServices services)
    {
        // A stored credential's kind decides the scheme, so --credential NAME works whatever else the config says.
        if (stored is { } named)
        {
            var source = $"stored credential '{named.Name}'";
            return named.Credential.Kind switch
            {
                CredentialKind.ApiKey => new ApiKeyAuthentication(named.Credential.Secret, auth.ApiKeyHeader, auth.ApiKeyScheme, source),
                CredentialKind.OAuth2ClientSecret or CredentialKind.OAuth2RefreshToken => CreateOAuth2(auth, named, services),
                CredentialKind.JwtPrivateKey => CreateJwt(auth, named.Credential.Secret, source, services),
                _ => throw new OpenCodeConfigurationException($"auth.credential: '{named.Name}' is an HMAC secret; name it in auth.hmac.credential instead."),
            };
        }

        if (!string.IsNullOrEmpty(auth.Oauth2.TokenUrl))
        {
            return CreateOAuth2(auth, null, services);
        }

        if (!string.IsNullOrEmpty(auth.Jwt.PrivateKey))
        {
            return CreateJwt(auth, auth.Jwt.PrivateKey, "auth.jwt.privateKey", services);
        }

        if (auth.Jwt.PrivateKeyEnvironmentVariable is { Length: > 0 } variable)
        {
            var pem = SecretSource.Resolve(null, variable)
                ?? throw new OpenCodeConfigurationException($"auth.jwt.privateKeyEnvironmentVariable: the environment variable {variable} is not set.");
            return CreateJwt(auth, pem, $"environment variable {variable}", services);
        }

        if (!string.IsNullOrEmpty(auth.Jwt.PrivateKeyFile))
        {
            return CreateJwt(auth, PrivateKeyFile.Read(auth.Jwt.PrivateKeyFile, services.Logger), "auth.jwt.privateKeyFile", services);
        }

        return auth.ResolveApiKey() is { } key
            ? new ApiKeyAuthentication(key, auth.ApiKeyHeader, auth.ApiKeyScheme, string.IsNullOrEmpty(auth.ApiKey) ? $"environment variable {auth.ApiKeyEnvironmentVariable}" : "auth.apiKey")
            : null;
    }

    private static JwtAssertionAuthentication CreateJwt(AuthOptions auth, string pem, string source, AuthenticationServices services)
    {
        var signing = JwtSigningKey.Create(pem, auth.Jwt.Algorithm, auth.Jwt.KeyId, source);
        var claims = new JwtClaims(auth.Jwt.Issuer, auth.Jwt.Subject, auth.Jwt.Audience);
        return new JwtAssertionAuthentication(signing, claims, TimeSpan.FromSeconds(auth.Jwt.ExpiresIn), services.TimeProvider, services.Logger, source);
    }

    private static OAuth2Authentication CreateOAuth2(AuthOptions auth, (string Name, StoredCredential Credential)? stored, AuthenticationServices services)
    {
        var oauth = auth.Oauth2;
        if (string.IsNullOrEmpty(oauth.TokenUrl) || !Uri.TryCreate(oauth.TokenUrl, UriKind.Absolute, out var tokenUrl))
        {
            throw new OpenCodeConfigurationException($"auth.oauth2.tokenUrl: must be set to the token endpoint's absolute URL to use the stored credential '{stored?.Name}'.");
        }

        TransportSecurity.EnsureSecure(tokenUrl, auth.AllowInsecureHttp, "auth.oauth2.tokenUrl");
        var kind = stored?.Credential.Kind;
        var secret = kind is CredentialKind.OAuth2ClientSecret ? stored!.Value.Credential.Secret : SecretSource.Resolve(oauth.ClientSecret, oauth.ClientSecretEnvironmentVariable);
        var refreshToken = kind is CredentialKind.OAuth2RefreshToken ? stored!.Value.Credential.Secret : SecretSource.Resolve(oauth.RefreshToken, oauth.RefreshTokenEnvironmentVariable);
        var grant = kind is CredentialKind.OAuth2RefreshToken ? OAuth2Options.RefreshTokenGrant : oauth.GrantType;
        if (grant == OAuth2Options.RefreshTokenGrant && string.IsNullOrEmpty(refreshToken))
        {
            throw new OpenCodeConfigurationException("auth.oauth2.refreshToken: the refresh_token grant needs a refresh token; store one with 'opencode auth set NAME --kind oauth2-refresh-token'.");
        }

        if (grant == OAuth2Options.ClientCredentialsGrant && (string.IsNullOrEmpty(oauth.ClientId) || secret is null))
        {
            throw new OpenCodeConfigurationException("auth.oauth2: the client_credentials grant needs clientId and a client secret (clientSecret, clientSecretEnvironmentVariable or a stored credential).");
        }

        Func<string, CancellationToken, Task>? onRotated = kind is CredentialKind.OAuth2RefreshToken && services.Store is { } store
            ? (rotated, token) => store.SetAsync(stored!.Value.Name, new StoredCredential(CredentialKind.OAuth2RefreshToken, rotated), token)
            : null;
        var tokens = new OAuth2TokenClient(services.Http, tokenUrl, oauth.ClientId, [.. oauth.Scopes], services.RequestTimeout, services.TimeProvider);
        return new OAuth2Authentication(tokens, grant, oauth.ClientId, secret, refreshToken, onRotated, TimeSpan.FromSeconds(oauth.RefreshSkewSeconds), services.TimeProvider, services.Logger);
    }

    private static string? HmacSecret(HmacOptions hmac, (string Name, StoredCredential Credential)? stored) =>
        stored is { } named
            ? named.Credential.Kind == CredentialKind.HmacSecret ? named.Credential.Secret
                : throw new OpenCodeConfigurationException($"auth.hmac.credential: '{named.Name}' is a {named.Credential.Kind}, not an HmacSecret.")
            : SecretSource.Resolve(hmac.Secret, hmac.SecretEnvironmentVariable);

    private static async Task<(string Name, StoredCredential Credential)?> ReadStoredAsync(string? name, string setting, ICredentialStore? store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (store is null)
        {
            throw new OpenCodeConfigurationException($"{setting}: '{name}' names a stored credential, but no credential store was given (pass an ICredentialStore, or use the opencode CLI).");
        }

        return await store.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } credential
            ? (name, credential)
            : throw new OpenCodeConfigurationException($"{setting}: there is no stored credential named '{name}'; add it with 'opencode auth set {name}'.");
    }
}
