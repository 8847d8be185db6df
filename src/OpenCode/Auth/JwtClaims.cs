namespace OpenCode.Auth;

/// <summary>The claims of a JWT bearer assertion besides its times: <c>iss</c>, <c>sub</c>, <c>aud</c>.</summary>
internal sealed record JwtClaims(string? Issuer, string? Subject, string? Audience);
