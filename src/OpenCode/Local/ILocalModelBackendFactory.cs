using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Pipeline;

namespace OpenCode.Local;

/// <summary>
/// Makes the backend that runs a GGUF file inside this process in direct mode (<see cref="LocalModelMode.InProcess"/>). The OpenCode.Local
/// package implements it, so that the client core carries no native libraries; pass it to the provider, or register it with
/// <c>services.AddOpenCodeLocal()</c>.
/// </summary>
public interface ILocalModelBackendFactory
{
    /// <summary>Makes the backend for <see cref="OpenCodeOptions.ModelPath"/>; the model is loaded on first use, not here.</summary>
    /// <param name="options">The provider's settings: the model file and <see cref="OpenCodeOptions.LocalServer"/>.</param>
    /// <param name="timeProvider">The clock that times idle unloading.</param>
    /// <param name="loggerFactory">Where the backend logs.</param>
    /// <returns>The backend; the provider disposes it.</returns>
    GenerationBackend CreateBackend(OpenCodeOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory);
}
