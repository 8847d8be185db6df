namespace OpenCode.Auth;

/// <summary>Keeps prompts, answers and credentials off plain HTTP to other machines: loopback is fine, anything else needs HTTPS or an explicit opt-out.</summary>
internal static class TransportSecurity
{
    /// <summary>Throws when <paramref name="uri"/> would carry requests in clear text to another machine.</summary>
    /// <param name="uri">Where the requests would go.</param>
    /// <param name="allowInsecureHttp">The explicit opt-out (<c>auth.allowInsecureHttp</c>).</param>
    /// <param name="setting">The setting that holds <paramref name="uri"/>, named in the message.</param>
    public static void EnsureSecure(Uri uri, bool allowInsecureHttp, string setting)
    {
        if (!allowInsecureHttp && IsInsecure(uri))
        {
            throw new OpenCodeConfigurationException(
                $"{setting}: HTTPS is required for '{uri.Host}', which is not this machine (prompts, answers and any credential would cross the network in clear text); use https://, or set auth.allowInsecureHttp to true for a trusted network.");
        }
    }

    public static bool IsInsecure(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
