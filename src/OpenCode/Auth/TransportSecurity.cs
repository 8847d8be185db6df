namespace OpenCode.Auth;

/// <summary>Keeps credentials off plain HTTP to other machines: loopback is fine, anything else needs HTTPS or an explicit opt-out.</summary>
internal static class TransportSecurity
{
    /// <summary>Throws when <paramref name="uri"/> would carry a credential in clear text to another machine.</summary>
    /// <param name="uri">Where the credential would go.</param>
    /// <param name="allowInsecureHttp">The explicit opt-out (<c>auth.allowInsecureHttp</c>).</param>
    /// <param name="setting">The setting that holds <paramref name="uri"/>, named in the message.</param>
    public static void EnsureSecure(Uri uri, bool allowInsecureHttp, string setting)
    {
        if (!allowInsecureHttp && IsInsecure(uri))
        {
            throw new OpenCodeConfigurationException(
                $"{setting}: HTTPS is required to send credentials to '{uri.Host}', which is not this machine; use https://, or set auth.allowInsecureHttp to true for a trusted network.");
        }
    }

    public static bool IsInsecure(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
