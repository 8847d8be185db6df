namespace Microsoft.Extensions.DependencyInjection;

/// <inheritdoc />
internal sealed class OpenCodeBuilder(IServiceCollection services) : IOpenCodeBuilder
{
    /// <inheritdoc />
    public IServiceCollection Services { get; } = services;
}
