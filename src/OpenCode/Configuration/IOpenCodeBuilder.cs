namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures the OpenCode services added by <see cref="OpenCodeServiceCollectionExtensions.AddOpenCode(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>.</summary>
/// <remarks>Extension methods on this interface add optional parts (stores, telemetry, extra handlers).</remarks>
public interface IOpenCodeBuilder
{
    /// <summary>Gets the service collection the OpenCode services are added to.</summary>
    IServiceCollection Services { get; }
}
