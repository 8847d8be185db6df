using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenCode.Client;

namespace OpenCode.Auth;

/// <summary>Asks an OAuth 2.0 token endpoint (RFC 6749 §4.4, §6) for an access token; the client authenticates with HTTP Basic.</summary>
internal sealed class OAuth2TokenClient(HttpClient http, Uri tokenUrl, string? clientId, IReadOnlyList<string> scopes, TimeSpan timeout, TimeProvider timeProvider)
{
    // Tokens with no expires_in are kept this long, then fetched again: the spec leaves the lifetime to the server.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    public Uri TokenUrl { get; } = tokenUrl;

    public async Task<OAuth2Token> RequestAsync(string grantType, string? clientSecret, string? refreshToken, string credential, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", grantType) };
        if (refreshToken is not null)
        {
            form.Add(new("refresh_token", refreshToken));
        }

        if (scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', scopes)));
        }

        if (clientSecret is null && clientId is not null)
        {
            form.Add(new("client_id", clientId));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUrl) { Content = new FormUrlEncodedContent(form) };
        if (clientSecret is not null)
        {
            // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined for Basic.
            var pair = $"{Uri.EscapeDataString(clientId ?? string.Empty)}:{Uri.EscapeDataString(clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair)));
        }

        request.Headers.Accept.ParseAdd("application/json");
        using var watchdog = new RequestWatchdog(timeProvider, timeout, timeout, timeout, cancellationToken);
        var requestedAt = timeProvider.GetUtcNow();
        try
        {
            using var response = await http.SendAsync(request, watchdog.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(watchdog.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? Parse(body, requestedAt, credential)
                : throw Rejected(response.StatusCode, body, credential, [clientSecret, refreshToken, .. SecretRedaction.SentWith(request, null)]);
        }
        catch (Exception ex) when (TransportErrors.Translate(ex, watchdog, cancellationToken, "OAuth 2.0 token request", TokenUrl) is { } translated)
        {
            throw translated;
        }
    }

    private OAuth2Token Parse(byte[] body, DateTimeOffset requestedAt, string credential)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var accessToken = Json.String(root, "access_token");
            if (string.IsNullOrEmpty(accessToken))
            {
                throw new OpenCodeException(OpenCodeErrorCodes.InvalidResponse, $"The token endpoint {TokenUrl} answered {credential} with no access_token.");
            }

            // Some endpoints (older Azure AD among them) send expires_in as a string.
            var expiresIn = Json.Long(root, "expires_in")
                ?? (long.TryParse(Json.String(root, "expires_in"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null);
            var lifetime = expiresIn is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
            return new OAuth2Token(accessToken, requestedAt + lifetime, Json.String(root, "refresh_token") is { Length: > 0 } rotated ? rotated : null);
        }
        catch (JsonException ex)
        {
            // The body may hold a token, so it is not quoted.
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidResponse, $"The token endpoint {TokenUrl} answered {credential} with a body that is not JSON.", innerException: ex);
        }
    }

    private OpenCodeException Rejected(HttpStatusCode status, byte[] body, string credential, IEnumerable<string?> secrets)
    {
        string? error = null;
        string? description = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            error = Json.String(document.RootElement, "error");
            description = Json.String(document.RootElement, "error_description");
        }
        catch (JsonException)
        {
            // Not an RFC 6749 error body; the status says enough.
        }

        // A token endpoint may repeat the secret or refresh token it rejected.
        (error, description) = (SecretRedaction.Redact(error, secrets), SecretRedaction.Redact(description, secrets));
        var detail = error is null ? $"HTTP {(int)status}" : $"{error}{(description is null ? string.Empty : ": " + description)} (HTTP {(int)status})";
        var message = $"The token endpoint {TokenUrl} rejected {credential}: {detail}.";
        return (int)status >= 500
            ? new OpenCodeException(OpenCodeErrorCodes.ServerError, message, status)
            : new OpenCodeAuthenticationException(message, status);
    }
}
