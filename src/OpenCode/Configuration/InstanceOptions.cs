namespace OpenCode.Configuration;

/// <summary>One named server of a routed setup (<see cref="OpenCodeOptions.Instances"/>).</summary>
/// <remarks>
/// A section an instance does not set (<see cref="Auth"/>, <see cref="RateLimits"/>, <see cref="Models"/>) is inherited whole from
/// the top level, as are the timeouts and features; a section it sets replaces the top-level one whole, so credentials of two
/// servers never mix.
/// </remarks>
public sealed class InstanceOptions
{
    /// <summary>Gets or sets the instance's name: unique, used in logs, metrics, route metadata and the health store.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the server's base URL, with or without a trailing <c>/v1</c>.</summary>
    public string ApiEndpoint { get; set; } = string.Empty;

    /// <summary>Gets or sets how to authenticate to this server; <see langword="null"/> inherits the top-level <c>auth</c>.</summary>
    public AuthOptions? Auth { get; set; }

    /// <summary>Gets or sets this server's client-side limits; <see langword="null"/> inherits the top-level <c>rateLimits</c>.</summary>
    public RateLimitOptions? RateLimits { get; set; }

    /// <summary>Gets or sets this server's model discovery and enabled models; <see langword="null"/> inherits the top-level <c>models</c>.</summary>
    public ModelOptions? Models { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"InstanceOptions {{ Name = {Name}, Auth = {Auth?.ToString() ?? "(inherited)"} }}";
}
