using Microsoft.Extensions.Logging;
using OpenCode.Client;
using OpenCode.Configuration;

namespace OpenCode.Auth;

/// <summary>
/// Builds an endpoint's credentials once from <c>auth</c>: every client made for the endpoint (a restarted local server's too) shares
/// them, so an OAuth token or a signed JWT is fetched once, not per client.
/// </summary>
internal sealed class AuthenticationSource(
    AuthOptions options, HttpClient? httpClient, TimeSpan tokenTimeout, TimeSpan connectTimeout, TimeProvider timeProvider, ILoggerFactory loggerFactory,
    ICredentialStore? credentialStore) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HttpClient? _tokenHttp;
    private IAuthenticationProvider? _authentication;
    private bool _created;

    public async Task<IAuthenticationProvider?> GetAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                var http = httpClient ?? (_tokenHttp ??= OpenCodeClient.CreateHttpClient(connectTimeout));
                var services = new AuthenticationServices(http, tokenTimeout, timeProvider, loggerFactory.CreateLogger("OpenCode.Auth"), credentialStore);
                _authentication = await AuthenticationFactory.CreateAsync(options, endpoint, services, cancellationToken).ConfigureAwait(false);
                _created = true;
            }

            return _authentication;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _tokenHttp?.Dispose();
        _gate.Dispose();
    }
}
