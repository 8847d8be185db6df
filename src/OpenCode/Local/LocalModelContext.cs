using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Pipeline;

namespace OpenCode.Local;

/// <summary>What a provider hands an <see cref="ILocalModelBackendFactory"/>: its settings, clock and logging, and its own client for a server.</summary>
public sealed class LocalModelContext
{
    private readonly Func<Uri, GenerationBackend> _connectToServer;

    internal LocalModelContext(OpenCodeOptions options, string modelPath, Func<Uri, GenerationBackend> connectToServer, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Options = options;
        ModelPath = modelPath;
        _connectToServer = connectToServer;
        TimeProvider = timeProvider;
        LoggerFactory = loggerFactory;
    }

    /// <summary>Gets the provider's settings: <see cref="OpenCodeOptions.LocalServer"/> says how to run the model.</summary>
    public OpenCodeOptions Options { get; }

    /// <summary>Gets the GGUF file to run.</summary>
    public string ModelPath { get; }

    /// <summary>Gets the clock (idle unloading, health checks, restarts).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets where the backend logs.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the API key the provider sends, which a llama-server it starts must then ask for; <see langword="null"/> for none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets where progress of building a missing llama-server goes (<c>localServer.buildIfMissing</c>).</summary>
    public IProgress<string>? BuildProgress { get; init; }

    /// <summary>
    /// Makes the provider's backend for an OpenAI-compatible server at <paramref name="endpoint"/> (its HTTP client, credentials and stores),
    /// for a server the factory started; call <see cref="GenerationBackend.ConnectAsync"/> on it.
    /// </summary>
    /// <param name="endpoint">The server's base address.</param>
    /// <returns>The backend; the caller disposes it.</returns>
    public GenerationBackend ConnectToServer(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _connectToServer(endpoint);
    }
}
