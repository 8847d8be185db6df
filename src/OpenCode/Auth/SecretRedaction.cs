namespace OpenCode.Auth;

/// <summary>
/// Masks credentials in text a server sent back (an error body that repeats the key it rejected, a token endpoint's
/// error description), so no exception message, error body or log line carries them, whatever the server echoes.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>What a credential is replaced with.</summary>
    public const string Mask = "***";

    // Shorter values (a scheme, a test's "k") would mask ordinary words.
    private const int MinimumSecretLength = 6;

    /// <summary>Replaces every occurrence of each secret (and its URL-encoded form) in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public static string? Redact(string? text, IEnumerable<string?> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (secret is not { Length: >= MinimumSecretLength })
            {
                continue;
            }

            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret)
            {
                text = text.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The credential values a request carried: the <c>Authorization</c> header (whole and its parameter) and the API key header.</summary>
    public static IEnumerable<string?> SentWith(HttpRequestMessage request, string? apiKeyHeader)
    {
        if (request.Headers.Authorization is { } authorization)
        {
            yield return authorization.ToString();
            yield return authorization.Parameter;
        }

        if (apiKeyHeader is { Length: > 0 } && request.Headers.TryGetValues(apiKeyHeader, out var values))
        {
            foreach (var value in values)
            {
                yield return value;
            }
        }
    }
}
