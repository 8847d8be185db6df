using System.Text.Json;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>
    /// GETs a path under the server root for dialect probing, through the discovery cache: <see langword="null"/> when the server does not
    /// offer it or answers with no JSON.
    /// </summary>
    /// <remarks>Authentication, connection and timeout failures still throw: a probe must not mistake them for a missing route.</remarks>
    internal Task<JsonElement?> ProbeGetAsync(string relativePath, CancellationToken cancellationToken) =>
        ProbeAsync(HttpMethod.Get, relativePath, null, cancellationToken);

    /// <summary>POSTs a JSON body to a path under the server root for probing; as <see cref="ProbeGetAsync"/>.</summary>
    internal Task<JsonElement?> ProbePostAsync(string relativePath, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        ProbeAsync(HttpMethod.Post, relativePath, body, cancellationToken);

    /// <summary>GETs a path a server may protect, to check the credential: throws <see cref="OpenCodeAuthenticationException"/> on 401/403, else as <see cref="ProbeGetAsync"/>.</summary>
    internal Task<JsonElement?> ProbeCredentialAsync(string relativePath, CancellationToken cancellationToken) =>
        ProbeAsync(HttpMethod.Get, relativePath, null, cancellationToken, "Credential validation");

    private async Task<JsonElement?> ProbeAsync(
        HttpMethod method, string relativePath, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken, string operation = "Dialect probe")
    {
        var uri = new Uri(_endpoints.Root, relativePath);
        try
        {
            if (method == HttpMethod.Get)
            {
                var cached = await Discovery.GetAsync(
                    uri.AbsoluteUri, token => FetchDiscoveryAsync(HttpMethod.Get, uri, null, OpenCodeErrorCodes.ModelDiscoveryFailed, operation, token), cancellationToken)
                    .ConfigureAwait(false);
                if (cached.Length == 0)
                {
                    return null;
                }

                using var parsed = JsonDocument.Parse(cached);
                return parsed.RootElement.Clone();
            }

            using var watchdog = StartWatchdog(streaming: false, cancellationToken);
            using var response = await SendAsync(method, uri, body, false, watchdog, OpenCodeErrorCodes.ModelDiscoveryFailed, operation, cancellationToken)
                .ConfigureAwait(false);
            using var document = await ReadJsonAsync(response, watchdog, operation, cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (OpenCodeException ex) when (!FailureClassification.StopsProbing(ex))
        {
            return null;
        }
    }
}
