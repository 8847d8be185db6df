using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Provider;

namespace OpenCode;

/// <summary>Builds the small <see cref="ILlmPort"/> adapter.</summary>
public static class OpenCodeAdapter
{
    /// <summary>Creates a port from an endpoint (or a local model file), a default model, temperature and timeout.</summary>
    /// <param name="config">The settings.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> logs nothing.</param>
    /// <returns>The port; dispose it (it is <see cref="IAsyncDisposable"/>) to stop a local server it started.</returns>
    /// <exception cref="OpenCodeConfigurationException">A setting is invalid.</exception>
    public static ILlmPort Create(OpenCodeAdapterConfig config, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new OpenCodeOptions
        {
            ApiEndpoint = config.Endpoint,
            ModelPath = config.ModelPath,
            DefaultTemperature = config.DefaultTemperature,
            Timeout = (int)Math.Min(config.Timeout.TotalMilliseconds, int.MaxValue),
            Auth = new AuthOptions { ApiKey = config.ApiKey },
            Models = new ModelOptions { DefaultModel = config.DefaultModel },
        };
        return new OpenCodeLlmPort(new OpenCodeProvider(options, loggerFactory: loggerFactory) { LocalModels = config.LocalModels }, ownsProvider: true);
    }
}
