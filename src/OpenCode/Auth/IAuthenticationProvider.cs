namespace OpenCode.Auth;

/// <summary>Puts credentials on outgoing requests: an API key, an OAuth 2.0 access token, a signed JWT, a request signature.</summary>
/// <remarks>
/// One instance serves one client and may be called concurrently. Implementations never log or put secrets into exception
/// messages; <see cref="Description"/> names the credential without its value.
/// </remarks>
internal interface IAuthenticationProvider
{
    /// <summary>Gets a description of the credential that is safe to show, e.g. <c>OAuth 2.0 client credentials (client 'ci')</c>.</summary>
    string Description { get; }

    /// <summary>Adds the credential to a request, fetching or refreshing a token first if needed.</summary>
    /// <param name="request">The request, with its content (if any) already set.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the request carries the credential.</returns>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Called once when the server answered 401: drops a cached token and gets a new one if possible.</summary>
    /// <param name="request">The request that was refused, carrying the credential it was sent with.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when the credentials changed and the request should be sent once more.</returns>
    ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
