using OpenCode.Configuration;
using OpenCode.Local.InProcess;
using OpenCode.Local.Server;
using OpenCode.Pipeline;

namespace OpenCode.Local;

/// <summary>
/// Runs direct mode's GGUF file as <c>localServer.mode</c> says: inside this process on llama.cpp's prebuilt native libraries
/// (LLamaSharp; the default, nothing to build or start), or in a llama-server this library starts and supervises on 127.0.0.1.
/// Give it to <c>OpenCodeProvider.LocalModels</c>, or register it with <see cref="OpenCodeLocalServiceCollectionExtensions.AddOpenCodeLocal"/>.
/// </summary>
public sealed class LocalModelBackendFactory : ILocalModelBackendFactory
{
    private readonly Func<long> _availableMemory;

    /// <summary>Initializes a new instance of the <see cref="LocalModelBackendFactory"/> class.</summary>
    public LocalModelBackendFactory()
        : this(AvailableMemory.Read)
    {
    }

    internal LocalModelBackendFactory(Func<long> availableMemory) => _availableMemory = availableMemory;

    /// <summary>Gets a shared instance; the factory holds no state.</summary>
    public static LocalModelBackendFactory Instance { get; } = new();

    /// <inheritdoc />
    public GenerationBackend CreateBackend(LocalModelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.LocalServer.Mode == LocalModelMode.InProcess)
        {
            return new InProcessBackend(context.Options, context.TimeProvider, context.LoggerFactory, _availableMemory);
        }

        var startInfo = new LocalLlamaServerStartInfo
        {
            ModelPath = context.ModelPath,
            ModelAlias = Path.GetFileNameWithoutExtension(context.ModelPath),
            Options = context.Options.LocalServer,
            ApiKey = context.ApiKey,
            BuildProgress = context.BuildProgress,
        };
        return new LocalServerBackend(startInfo, context.ConnectToServer, context.TimeProvider, context.LoggerFactory);
    }
}
