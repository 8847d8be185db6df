namespace OpenCode.Auth;

/// <summary>What a stored credential is, and so which setting it fills.</summary>
public enum CredentialKind
{
    /// <summary>An API key (<c>auth.apiKey</c>).</summary>
    ApiKey,

    /// <summary>An OAuth 2.0 client secret (<c>auth.oauth2.clientSecret</c>).</summary>
    OAuth2ClientSecret,

    /// <summary>An OAuth 2.0 refresh token (<c>auth.oauth2.refreshToken</c>); replaced in the store when the server rotates it.</summary>
    OAuth2RefreshToken,

    /// <summary>A PEM private key for signing JWT bearer assertions (<c>auth.jwt.privateKey</c>).</summary>
    JwtPrivateKey,

    /// <summary>A shared secret for HMAC request signing (<c>auth.hmac.secret</c>).</summary>
    HmacSecret,
}
