using OpenCode.Auth;
using OpenCode.Client;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <summary>Builds the credentials once per provider: every client this provider makes (a restarted local server's too) shares them.</summary>
    private async Task<IAuthenticationProvider?> CreateAuthenticationAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (_authentication is not null)
        {
            return _authentication;
        }

        var http = _httpClient ?? (_tokenHttp ??= OpenCodeClient.CreateHttpClient(TimeSpan.FromMilliseconds(_options.ConnectTimeout)));
        var services = new AuthenticationServices(
            http, TimeSpan.FromMilliseconds(_options.Timeout), _timeProvider, _loggerFactory.CreateLogger("OpenCode.Auth"), _credentialStore);
        return _authentication = await AuthenticationFactory.CreateAsync(_options.Auth, endpoint, services, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fails fast on a bad credential: asks <c>/auth/validate</c> where the server offers it, else makes calls servers protect
    /// (<c>/v1/models</c> on most; <c>/props</c> on llama-server builds that leave the model list public).
    /// </summary>
    private static async Task ValidateCredentialAsync(OpenCodeClient client, CancellationToken cancellationToken)
    {
        if (client.CredentialDescription is not { } credential)
        {
            return;
        }

        var result = await client.ValidateAuthAsync(cancellationToken).ConfigureAwait(false);
        if (result is { IsValid: false })
        {
            throw new OpenCodeAuthenticationException($"Credential validation failed: {new Uri(client.ServerRoot, "auth/validate")} says the {credential} is not valid.");
        }

        if (result is null)
        {
            await client.ProbeCredentialAsync("v1/models", cancellationToken).ConfigureAwait(false);
            await client.ProbeCredentialAsync("props", cancellationToken).ConfigureAwait(false);
        }
    }
}
