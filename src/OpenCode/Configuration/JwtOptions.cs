using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>JWT bearer assertion settings: a token signed with a private key, sent as <c>Authorization: Bearer</c>.</summary>
public sealed class JwtOptions
{
    /// <summary>Gets or sets the PEM private key (RSA or EC) inline. Prefer <see cref="PrivateKeyFile"/> or a stored credential.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the PEM private key.</summary>
    public string? PrivateKeyEnvironmentVariable { get; set; }

    /// <summary>Gets or sets a PEM file holding the private key; it should be readable by its owner only.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>Gets or sets the signing algorithm: RS256, RS384, RS512 (RSA key) or ES256, ES384, ES512 (EC key).</summary>
    /// <value>Defaults to <c>RS256</c>.</value>
    public string Algorithm { get; set; } = "RS256";

    /// <summary>Gets or sets the <c>iss</c> claim; <see langword="null"/> leaves it out.</summary>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the <c>sub</c> claim.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the <c>aud</c> claim.</summary>
    public string? Audience { get; set; }

    /// <summary>Gets or sets the <c>kid</c> header, naming the key to the server.</summary>
    public string? KeyId { get; set; }

    /// <summary>Gets or sets how many seconds a signed token is valid (<c>exp - iat</c>); it is re-signed 60 s (or a tenth of this) before.</summary>
    /// <value>Defaults to 3600; 60 to 86400.</value>
    [Range(60, 86400)]
    public int ExpiresIn { get; set; } = 3600;

    /// <inheritdoc />
    public override string ToString() =>
        $"JwtOptions {{ PrivateKey = {SecretSource.Mask(PrivateKey)}, PrivateKeyFile = {PrivateKeyFile ?? "(none)"}, Algorithm = {Algorithm}, " +
        $"Subject = {Subject ?? "(none)"}, Audience = {Audience ?? "(none)"}, ExpiresIn = {ExpiresIn} }}";
}
