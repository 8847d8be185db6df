namespace OpenCode.Configuration;

/// <summary>
/// The settings of one endpoint: where it is, its credentials, limits and models — the top level's, or an instance's sections over
/// them — and every other setting read from the top level as it is (nothing is copied, so a setting added later is inherited too).
/// </summary>
/// <param name="Shared">The top-level settings.</param>
/// <param name="ApiEndpoint">The server URL, or <see langword="null"/> in direct mode.</param>
/// <param name="ModelPath">The GGUF file of direct mode, or <see langword="null"/>.</param>
/// <param name="Auth">The credentials.</param>
/// <param name="RateLimits">The client-side limits.</param>
/// <param name="Models">The model settings.</param>
/// <param name="AppliesDefaultModel">Whether <c>models.defaultModel</c> is applied here (a router applies it itself, to the instances that serve it).</param>
internal sealed record EndpointSettings(
    OpenCodeOptions Shared, string? ApiEndpoint, string? ModelPath, AuthOptions Auth, RateLimitOptions RateLimits, ModelOptions Models, bool AppliesDefaultModel = true)
{
    /// <summary>Gets the configured default model, where this endpoint applies it.</summary>
    public string? DefaultModel => AppliesDefaultModel && Models.DefaultModel is { Length: > 0 } model ? model : null;

    /// <summary>The settings of a single-endpoint provider.</summary>
    public static EndpointSettings Of(OpenCodeOptions options) =>
        new(options, options.ApiEndpoint, options.ModelPath, options.Auth, options.RateLimits, options.Models);

    /// <summary>The settings of a router's instance: its endpoint and the sections it sets, the top level's for the rest.</summary>
    public static EndpointSettings ForInstance(OpenCodeOptions options, InstanceOptions instance) =>
        new(options, instance.ApiEndpoint, null, instance.Auth ?? options.Auth, instance.RateLimits ?? options.RateLimits, instance.Models ?? options.Models, instance.Models is not null);
}
