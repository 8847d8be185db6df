using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpenCode.Local;

/// <summary>Registers what runs direct mode's GGUF file: in this process, or in a supervised llama-server.</summary>
public static class OpenCodeLocalServiceCollectionExtensions
{
    /// <summary>
    /// Lets the providers and routers made by <c>AddOpenCode</c> run <c>modelPath</c>: in this process (<c>localServer.mode: inProcess</c>,
    /// the default) or in a llama-server they start (<c>server</c>). Without it such a provider fails with <c>INVALID_CONFIGURATION</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddOpenCodeLocal(this IServiceCollection services)
    {
        services.TryAddSingleton<ILocalModelBackendFactory>(LocalModelBackendFactory.Instance);
        return services;
    }
}
