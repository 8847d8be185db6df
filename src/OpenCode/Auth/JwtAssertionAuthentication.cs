using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpenCode.Auth;

/// <summary>Sends a JWT signed with a private key as <c>Authorization: Bearer</c>, re-signed shortly before it expires.</summary>
internal sealed class JwtAssertionAuthentication : IAuthenticationProvider
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signing;
    private readonly JwtClaims _claims;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _resignBefore;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    public JwtAssertionAuthentication(SigningCredentials signing, JwtClaims claims, TimeSpan lifetime, TimeProvider timeProvider, ILogger logger, string source)
    {
        _signing = signing;
        _claims = claims;
        _lifetime = lifetime;
        _resignBefore = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, lifetime.Ticks / 10));
        _timeProvider = timeProvider;
        _logger = logger;
        Description = $"JWT assertion ({source}, {signing.Algorithm}, subject '{claims.Subject ?? "(none)"}')";
    }

    public string Description { get; }

    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Current());
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A fresh assertion helps when the refused one had just expired on the server's clock; a wrong key fails again and is reported.
        var used = request.Headers.Authorization?.Parameter;
        lock (_gate)
        {
            if (_current is { } current && current.Token == used)
            {
                _current = null;
            }
        }

        return ValueTask.FromResult(true);
    }

    private string Current()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_current is { } current && now < current.ExpiresAt - _resignBefore)
            {
                return current.Token;
            }

            // JWT times are whole seconds; rounding down keeps iat from lying in the future.
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
            var expiresAt = issuedAt + _lifetime;
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = _claims.Issuer,
                Audience = _claims.Audience,
                IssuedAt = issuedAt.UtcDateTime,
                NotBefore = issuedAt.UtcDateTime,
                Expires = expiresAt.UtcDateTime,
                SigningCredentials = _signing,
                Subject = _claims.Subject is null ? null : new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, _claims.Subject)]),
                Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N") },
            };
            var token = Handler.CreateToken(descriptor);
            _current = (token, expiresAt);
            AuthLog.JwtSigned(_logger, expiresAt);
            return token;
        }
    }

    public override string ToString() => $"JwtAssertionAuthentication {{ {Description} }}";
}
