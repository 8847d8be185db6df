namespace OpenCode.Auth;

/// <summary>A named secret in an <see cref="ICredentialStore"/>: its kind and its value.</summary>
/// <param name="Kind">What the secret is.</param>
/// <param name="Secret">The secret itself; never logged, masked in <see cref="ToString"/>.</param>
public sealed record StoredCredential(CredentialKind Kind, string Secret)
{
    /// <summary>Gets a masked form of <see cref="Secret"/> that is safe to show: its last four characters at most, and only of a long secret.</summary>
    public string Masked => Kind is CredentialKind.JwtPrivateKey || Secret.Length < 16 ? "****" : "****" + Secret[^4..];

    /// <inheritdoc />
    public override string ToString() => $"StoredCredential {{ Kind = {Kind}, Secret = *** }}";
}
