using System.Net.Http.Headers;

namespace OpenCode.Auth;

/// <summary>Sends an API key on every request: <c>Authorization: Bearer KEY</c> by default, or a gateway's own header and scheme.</summary>
internal sealed class ApiKeyAuthentication : IAuthenticationProvider
{
    private const string AuthorizationHeader = "Authorization";
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly string? _headerName;
    private readonly string _headerValue;

    public ApiKeyAuthentication(string apiKey, string? headerName, string? scheme, string source = "auth.apiKey")
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var name = string.IsNullOrEmpty(headerName) ? AuthorizationHeader : headerName;
        if (string.Equals(name, AuthorizationHeader, StringComparison.OrdinalIgnoreCase))
        {
            // A blank scheme on Authorization sends the bare key, as some gateways expect.
            _authorization = scheme is { Length: 0 } ? null : new AuthenticationHeaderValue(scheme ?? "Bearer", apiKey);
        }

        _headerName = _authorization is null ? name : null;
        _headerValue = string.IsNullOrEmpty(scheme) ? apiKey : $"{scheme} {apiKey}";
        Description = $"API key ({source}, header {name})";
    }

    public string Description { get; }

    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Apply(request.Headers);
        return ValueTask.CompletedTask;
    }

    // A static key cannot get better by asking again.
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    /// <summary>Adds the credential to a request's headers.</summary>
    /// <param name="headers">The request headers.</param>
    public void Apply(HttpRequestHeaders headers)
    {
        if (_authorization is not null)
        {
            headers.Authorization = _authorization;
            return;
        }

        headers.TryAddWithoutValidation(_headerName!, _headerValue);
    }

    /// <inheritdoc />
    public override string ToString() => $"ApiKeyAuthentication {{ Header = {_headerName ?? AuthorizationHeader}, Key = *** }}";
}
