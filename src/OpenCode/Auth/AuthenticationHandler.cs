using Microsoft.Extensions.Logging;

namespace OpenCode.Auth;

/// <summary>
/// Puts the credential on every request and, when the server answers 401, lets the credential refresh once and sends the
/// request once more (a token may have expired or been revoked; a second 401 means the credential is wrong).
/// </summary>
/// <remarks>
/// The resend is a copy of the request (method, URI, headers, options and the same content), so it also works in front of an
/// <see cref="HttpClient"/>, which refuses to send one message twice. The 401 that is finally returned carries, as its
/// <see cref="HttpResponseMessage.RequestMessage"/>, the request that was last sent, so its credential can be masked.
/// </remarks>
internal sealed class AuthenticationHandler(IAuthenticationProvider authentication, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await authentication.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized
            || !await authentication.OnUnauthorizedAsync(request, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        AuthLog.RetryingAfterRefresh(logger, authentication.Description);
        var resend = Copy(request);
        await authentication.ApplyAsync(resend, cancellationToken).ConfigureAwait(false);
        response = await base.SendAsync(resend, cancellationToken).ConfigureAwait(false);
        response.RequestMessage ??= resend;
        return response;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };

        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options).Add(option.Key, option.Value);
        }

        return copy;
    }
}
