namespace OpenCode.Configuration;

/// <summary>Reads a secret given inline or by environment variable, and masks it for display.</summary>
internal static class SecretSource
{
    public static string? Resolve(string? value, string? environmentVariable) =>
        !string.IsNullOrEmpty(value) ? value
        : string.IsNullOrEmpty(environmentVariable) ? null
        : Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    public static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
