using System.Text.Json.Serialization;
using OpenCode.Auth;

namespace OpenCode.Cli.Credentials;

/// <summary>What one credential file holds once decrypted.</summary>
internal sealed record CredentialFile(CredentialKind Kind, string Secret)
{
    public override string ToString() => $"CredentialFile {{ Kind = {Kind}, Secret = *** }}";
}

[JsonSerializable(typeof(CredentialFile))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class CredentialJsonContext : JsonSerializerContext;
