using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OpenCode.Auth;

/// <summary>Turns a PEM private key and an algorithm name into signing credentials, checking that the two fit.</summary>
internal static class JwtSigningKey
{
    public static readonly string[] Algorithms = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

    /// <summary>Creates the credentials; the messages name the setting and never quote the key.</summary>
    public static SigningCredentials Create(string pem, string algorithm, string? keyId, string source)
    {
        if (!Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            throw new OpenCodeConfigurationException($"auth.jwt.algorithm: '{algorithm}' is not supported; allowed: {string.Join(", ", Algorithms)}");
        }

        SecurityKey key = algorithm.StartsWith("RS", StringComparison.Ordinal) ? RsaKey(pem, source) : EcKey(pem, algorithm, source);
        key.KeyId = keyId;
        return new SigningCredentials(key, algorithm);
    }

    private static RsaSecurityKey RsaKey(string pem, string source)
    {
        var rsa = Import(RSA.Create(), pem, "RSA", "RS", source);
        if (rsa.KeySize < 2048)
        {
            var size = rsa.KeySize;
            rsa.Dispose();
            throw new OpenCodeConfigurationException($"{source}: the RSA key has {size} bits; at least 2048 are required.");
        }

        return new RsaSecurityKey(rsa);
    }

    private static ECDsaSecurityKey EcKey(string pem, string algorithm, string source)
    {
        var ecdsa = Import(ECDsa.Create(), pem, "EC", "ES", source);
        var expectedBits = algorithm switch { "ES256" => 256, "ES384" => 384, _ => 521 };
        if (ecdsa.KeySize != expectedBits)
        {
            var size = ecdsa.KeySize;
            ecdsa.Dispose();
            throw new OpenCodeConfigurationException($"{source}: {algorithm} needs a P-{expectedBits} key; this key is P-{size}.");
        }

        return new ECDsaSecurityKey(ecdsa);
    }

    private static T Import<T>(T key, string pem, string keyType, string algorithmFamily, string source)
        where T : AsymmetricAlgorithm
    {
        try
        {
            key.ImportFromPem(pem);

            // A public key imports as well, but cannot sign: exporting the private part tells them apart.
            _ = key.ExportPkcs8PrivateKey();
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new OpenCodeConfigurationException($"{source}: is not a PEM {keyType} private key, which the {algorithmFamily} algorithms need ({ex.GetType().Name}).");
        }
    }
}
