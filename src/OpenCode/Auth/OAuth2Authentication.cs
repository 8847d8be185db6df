using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace OpenCode.Auth;

/// <summary>
/// Sends an OAuth 2.0 access token as <c>Authorization: Bearer</c>, fetched on first use and refreshed a skew before it expires;
/// concurrent requests share one refresh, and a rotated refresh token is handed to <c>onRefreshTokenRotated</c> at once.
/// </summary>
internal sealed class OAuth2Authentication : IAuthenticationProvider
{
    private readonly OAuth2TokenClient _tokens;
    private readonly string _grantType;
    private readonly string? _clientSecret;
    private readonly Func<string, CancellationToken, Task>? _onRefreshTokenRotated;
    private readonly TimeSpan _skew;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string? _refreshToken;
    private OAuth2Token? _token;
    private Task<OAuth2Token>? _refreshing;

    public OAuth2Authentication(
        OAuth2TokenClient tokens, string grantType, string? clientId, string? clientSecret, string? refreshToken,
        Func<string, CancellationToken, Task>? onRefreshTokenRotated, TimeSpan skew, TimeProvider timeProvider, ILogger logger)
    {
        _tokens = tokens;
        _grantType = grantType;
        _clientSecret = clientSecret;
        _refreshToken = refreshToken;
        _onRefreshTokenRotated = onRefreshTokenRotated;
        _skew = skew;
        _timeProvider = timeProvider;
        _logger = logger;
        var grant = grantType == Configuration.OAuth2Options.RefreshTokenGrant ? "refresh token" : "client credentials";
        Description = $"OAuth 2.0 {grant} (client '{clientId ?? "(none)"}', token endpoint {tokens.TokenUrl})";
    }

    public string Description { get; }

    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(stale: null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
    }

    public async ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Only the token the failed request carried is dropped: a request that failed with an older one reuses a fresh token already fetched.
        var used = request.Headers.Authorization?.Parameter;
        OAuth2Token? stale;
        lock (_gate)
        {
            stale = _token is { } current && current.AccessToken == used ? current : null;
        }

        await GetTokenAsync(stale, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task<OAuth2Token> GetTokenAsync(OAuth2Token? stale, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_token is { } token && !ReferenceEquals(token, stale) && _timeProvider.GetUtcNow() < token.ExpiresAt - _skew)
            {
                return Task.FromResult(token);
            }

            // The refresh is shared and runs to its end even when the caller that started it gives up: the others still wait for it.
            // A refresh that finished (a failure that completed synchronously, say) is never joined: that would repeat its outcome forever.
            if (_refreshing is { IsCompleted: true })
            {
                _refreshing = null;
            }

            _refreshing ??= RefreshAsync();
            return _refreshing.WaitAsync(cancellationToken);
        }
    }

    private async Task<OAuth2Token> RefreshAsync()
    {
        try
        {
            string? refreshToken;
            lock (_gate)
            {
                refreshToken = _refreshToken;
            }

            var usesRefreshToken = _grantType == Configuration.OAuth2Options.RefreshTokenGrant;
            var token = await _tokens.RequestAsync(_grantType, _clientSecret, usesRefreshToken ? refreshToken : null, Description, CancellationToken.None)
                .ConfigureAwait(false);
            AuthLog.TokenIssued(_logger, _tokens.TokenUrl.GetLeftPart(UriPartial.Path), token.ExpiresAt);
            if (usesRefreshToken && token.RefreshToken is { } rotated && rotated != refreshToken)
            {
                lock (_gate)
                {
                    _refreshToken = rotated;
                }

                await StoreRotatedAsync(rotated).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _token = token;
            }

            return token;
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
            }
        }
    }

    private async Task StoreRotatedAsync(string rotated)
    {
        if (_onRefreshTokenRotated is null)
        {
            AuthLog.RotatedTokenKeptInMemory(_logger);
            return;
        }

        try
        {
            await _onRefreshTokenRotated(rotated, CancellationToken.None).ConfigureAwait(false);
            AuthLog.RotatedTokenStored(_logger);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The new token still works for this process; the next one would start from the old, now revoked, token.
            AuthLog.RotatedTokenNotStored(_logger, ex.GetType().Name);
        }
    }

    public override string ToString() => $"OAuth2Authentication {{ {Description} }}";
}
