namespace OpenCode.Configuration;

/// <summary>How to authenticate to the server.</summary>
public sealed class AuthOptions
{
    /// <summary>Gets or sets the API key sent as a bearer token; <see langword="null"/> sends none.</summary>
    /// <remarks>Never logged, and masked in <see cref="ToString"/>.</remarks>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the API key, read when <see cref="ApiKey"/> is not set.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Returns the key to use: <see cref="ApiKey"/>, else the variable named by <see cref="ApiKeyEnvironmentVariable"/>.</summary>
    /// <returns>The key, or <see langword="null"/> for none.</returns>
    public string? ResolveApiKey() =>
        !string.IsNullOrEmpty(ApiKey) ? ApiKey
        : string.IsNullOrEmpty(ApiKeyEnvironmentVariable) ? null
        : Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);

    /// <inheritdoc />
    public override string ToString() =>
        $"AuthOptions {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, ApiKeyEnvironmentVariable = {ApiKeyEnvironmentVariable ?? "(none)"} }}";
}
