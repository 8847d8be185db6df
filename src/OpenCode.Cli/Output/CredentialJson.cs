namespace OpenCode.Cli.Output;

/// <summary>One row of <c>opencode auth list --json</c>; the secret is masked.</summary>
internal sealed record CredentialJson(string Name, string Kind, string Secret);
