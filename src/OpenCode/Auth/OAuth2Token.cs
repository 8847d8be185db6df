namespace OpenCode.Auth;

/// <summary>An access token from a token endpoint, when it expires, and the refresh token that came with it (if any).</summary>
internal sealed record OAuth2Token(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken)
{
    public override string ToString() => $"OAuth2Token {{ AccessToken = ***, ExpiresAt = {ExpiresAt:O}, RefreshToken = {(RefreshToken is null ? "(none)" : "***")} }}";
}
