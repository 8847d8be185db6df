using OpenCode.Auth;

namespace OpenCode.Configuration;

/// <summary>The rules of the <c>auth</c> settings that tie several of them together; messages name the setting and never a secret.</summary>
internal static class AuthOptionsRules
{
    internal static void Check(AuthOptions auth, List<string> errors)
    {
        CheckVariable(auth.ApiKeyEnvironmentVariable, "auth.apiKeyEnvironmentVariable", errors);
        CheckVariable(auth.Oauth2?.ClientSecretEnvironmentVariable, "auth.oauth2.clientSecretEnvironmentVariable", errors);
        CheckVariable(auth.Oauth2?.RefreshTokenEnvironmentVariable, "auth.oauth2.refreshTokenEnvironmentVariable", errors);
        CheckVariable(auth.Jwt?.PrivateKeyEnvironmentVariable, "auth.jwt.privateKeyEnvironmentVariable", errors);
        CheckVariable(auth.Hmac?.SecretEnvironmentVariable, "auth.hmac.secretEnvironmentVariable", errors);
        CheckCredentialName(auth.Credential, "auth.credential", errors);
        CheckCredentialName(auth.Hmac?.Credential, "auth.hmac.credential", errors);

        // A header name that is not an HTTP token would be dropped silently, and the server would answer 401 for no visible reason.
        if (auth.ApiKeyHeader is { Length: > 0 } header && !header.All(c => c is > ' ' and < (char)127 && !"()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
        {
            errors.Add($"auth.apiKeyHeader: '{header}' is not a valid HTTP header name (letters, digits and -_.!#$%&'*+^`|~ only)");
        }

        var usesOAuth2 = auth.Oauth2 is { TokenUrl.Length: > 0 };
        var usesJwt = auth.Jwt is { PrivateKey.Length: > 0 } or { PrivateKeyFile.Length: > 0 } or { PrivateKeyEnvironmentVariable.Length: > 0 };
        if (usesOAuth2 && usesJwt)
        {
            errors.Add("auth: both oauth2.tokenUrl and a jwt private key are set; configure one way to authenticate");
        }

        if (auth.Oauth2 is { } oauth)
        {
            CheckOAuth2(oauth, errors);
        }

        if (auth.Jwt is { } jwt && !JwtSigningKey.Algorithms.Contains(jwt.Algorithm, StringComparer.Ordinal))
        {
            errors.Add($"auth.jwt.algorithm: '{jwt.Algorithm}' is not supported; allowed: {string.Join(", ", JwtSigningKey.Algorithms)}");
        }
    }

    private static void CheckOAuth2(OAuth2Options oauth, List<string> errors)
    {
        if (oauth.GrantType is not (OAuth2Options.ClientCredentialsGrant or OAuth2Options.RefreshTokenGrant))
        {
            errors.Add($"auth.oauth2.grantType: '{oauth.GrantType}' is not supported; allowed: {OAuth2Options.ClientCredentialsGrant}, {OAuth2Options.RefreshTokenGrant}");
        }

        if (oauth.TokenUrl is { Length: > 0 } tokenUrl
            && (!Uri.TryCreate(tokenUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"auth.oauth2.tokenUrl: '{tokenUrl}' is not an absolute http or https URI");
        }

        if (oauth.Scopes is null || oauth.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
        {
            errors.Add("auth.oauth2.scopes: each scope must be one non-empty word without spaces");
        }
    }

    private static void CheckVariable(string? variable, string setting, List<string> errors)
    {
        if (variable is not null
            && (string.IsNullOrWhiteSpace(variable) || variable.Contains('=', StringComparison.Ordinal) || variable.Contains('\0', StringComparison.Ordinal)))
        {
            errors.Add($"{setting}: '{variable}' is not a valid environment variable name");
        }
    }

    private static void CheckCredentialName(string? name, string setting, List<string> errors)
    {
        if (name is not null && !CredentialName.IsValid(name))
        {
            errors.Add($"{setting}: '{name}' is not a valid credential name ({CredentialName.Rule})");
        }
    }
}
