using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenCode.Auth;

/// <summary>
/// Signs every request with HMAC-SHA256 over method, path and query, timestamp and body hash, after the inner provider (if any)
/// has added its credential; the header names and the signed string are in <c>docs/auth.md</c>.
/// </summary>
internal sealed class HmacRequestSigner(IAuthenticationProvider? inner, byte[] secret, string? keyId, TimeProvider timeProvider) : IAuthenticationProvider
{
    public const string TimestampHeader = "X-OpenCode-Timestamp";
    public const string ContentHashHeader = "X-OpenCode-Content-SHA256";
    public const string KeyIdHeader = "X-OpenCode-Key-Id";
    public const string SignatureHeader = "X-OpenCode-Signature";

    // The SHA-256 of no bytes, sent for requests without a body.
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    public string Description => inner is null ? $"HMAC request signature (key id '{keyId ?? "(none)"}')" : $"{inner.Description} with HMAC request signature";

    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (inner is not null)
        {
            await inner.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var bodyHash = EmptyHash;
        if (request.Content is { } content)
        {
            var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(body, cancellationToken).ConfigureAwait(false));
        }

        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(request.Method.Method, request.RequestUri!.PathAndQuery, timestamp, bodyHash);
        request.Headers.Remove(SignatureHeader);
        request.Headers.Remove(TimestampHeader);
        request.Headers.Remove(ContentHashHeader);
        request.Headers.TryAddWithoutValidation(TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation(ContentHashHeader, bodyHash);
        if (keyId is not null)
        {
            request.Headers.Remove(KeyIdHeader);
            request.Headers.TryAddWithoutValidation(KeyIdHeader, keyId);
        }

        request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
    }

    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        inner?.OnUnauthorizedAsync(request, cancellationToken) ?? ValueTask.FromResult(false);

    /// <summary>The signature: Base64 of HMAC-SHA256(secret, "METHOD\nPATH?QUERY\nTIMESTAMP\nBODY_SHA256_HEX").</summary>
    internal string Sign(string method, string pathAndQuery, string timestamp, string bodyHash) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{timestamp}\n{bodyHash}")));

    public override string ToString() => $"HmacRequestSigner {{ {Description} }}";
}
