namespace OpenCode.Configuration;

/// <summary>HMAC-SHA256 request signing, for gateways that check a signature over method, path, timestamp and body hash.</summary>
/// <remarks>The headers and the signed string are described in <c>docs/auth.md</c>.</remarks>
public sealed class HmacOptions
{
    /// <summary>Gets or sets the key id sent with the signature, telling the gateway which secret to check with.</summary>
    public string? KeyId { get; set; }

    /// <summary>Gets or sets the shared secret; <see langword="null"/> (and no other source) turns signing off.</summary>
    public string? Secret { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the secret.</summary>
    public string? SecretEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the name of a stored credential (of kind <c>HmacSecret</c>) holding the secret.</summary>
    public string? Credential { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"HmacOptions {{ KeyId = {KeyId ?? "(none)"}, Secret = {SecretSource.Mask(Secret)}, SecretEnvironmentVariable = {SecretEnvironmentVariable ?? "(none)"}, Credential = {Credential ?? "(none)"} }}";
}
