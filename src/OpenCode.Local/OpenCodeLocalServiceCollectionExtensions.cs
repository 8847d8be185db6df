using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpenCode.Local;

/// <summary>Registers the in-process runner of direct mode's GGUF file.</summary>
public static class OpenCodeLocalServiceCollectionExtensions
{
    /// <summary>
    /// Lets the providers and routers made by <c>AddOpenCode</c> run <c>modelPath</c> in this process (<c>localServer.mode: inProcess</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddOpenCodeLocal(this IServiceCollection services)
    {
        services.TryAddSingleton<ILocalModelBackendFactory>(InProcessModelBackendFactory.Instance);
        return services;
    }
}
