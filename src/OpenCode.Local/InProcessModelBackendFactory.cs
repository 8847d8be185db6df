using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Local.InProcess;
using OpenCode.Pipeline;

namespace OpenCode.Local;

/// <summary>
/// Runs direct mode's GGUF file inside this process on llama.cpp's prebuilt native libraries (LLamaSharp): no server to build or start.
/// Give it to <c>OpenCodeProvider.LocalModels</c>, or register it with <see cref="OpenCodeLocalServiceCollectionExtensions.AddOpenCodeLocal"/>.
/// </summary>
public sealed class InProcessModelBackendFactory : ILocalModelBackendFactory
{
    private readonly Func<long> _availableMemory;

    /// <summary>Initializes a new instance of the <see cref="InProcessModelBackendFactory"/> class.</summary>
    public InProcessModelBackendFactory()
        : this(AvailableMemory.Read)
    {
    }

    internal InProcessModelBackendFactory(Func<long> availableMemory) => _availableMemory = availableMemory;

    /// <summary>Gets a shared instance; the factory holds no state.</summary>
    public static InProcessModelBackendFactory Instance { get; } = new();

    /// <inheritdoc />
    public GenerationBackend CreateBackend(OpenCodeOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new InProcessBackend(options, timeProvider, loggerFactory, _availableMemory);
    }
}
