namespace OpenCode.Configuration;

/// <summary>How to authenticate to the server.</summary>
public sealed class AuthOptions
{
    /// <summary>Gets or sets the API key sent as a bearer token; <see langword="null"/> sends none.</summary>
    /// <remarks>Never logged, and masked in <see cref="ToString"/>.</remarks>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the API key, read when <see cref="ApiKey"/> is not set.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the header that carries the key, for gateways that use e.g. <c>api-key</c> or <c>x-api-key</c>.</summary>
    /// <value>Defaults to <see langword="null"/>, which means <c>Authorization</c>.</value>
    public string? ApiKeyHeader { get; set; }

    /// <summary>Gets or sets the scheme written before the key; empty sends the bare key.</summary>
    /// <value>Defaults to <see langword="null"/>: <c>Bearer</c> on <c>Authorization</c>, no scheme on other headers.</value>
    public string? ApiKeyScheme { get; set; }

    /// <summary>Returns the key to use: <see cref="ApiKey"/>, else the variable named by <see cref="ApiKeyEnvironmentVariable"/>.</summary>
    /// <returns>The key, or <see langword="null"/> for none.</returns>
    public string? ResolveApiKey() =>
        !string.IsNullOrEmpty(ApiKey) ? ApiKey
        : string.IsNullOrEmpty(ApiKeyEnvironmentVariable) ? null
        : Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);

    /// <inheritdoc />
    public override string ToString() =>
        $"AuthOptions {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, ApiKeyEnvironmentVariable = {ApiKeyEnvironmentVariable ?? "(none)"}, ApiKeyHeader = {ApiKeyHeader ?? "Authorization"} }}";
}
