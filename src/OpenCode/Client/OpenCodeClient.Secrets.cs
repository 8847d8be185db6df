using OpenCode.Auth;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>
    /// Masks in text a server sent back (an error body, an error event inside a 200 stream, an error answer) every credential the
    /// request carried and the configured API key: a server may repeat what it was sent.
    /// </summary>
    private string? MaskSecrets(string? text, HttpRequestMessage? request) =>
        SecretRedaction.Redact(
            text, (request is null ? [] : SecretRedaction.SentWith(request, _options.ApiKeyHeaderName)).Append(_options.ApiKey));
}
