using OpenCode.Configuration;
using OpenCode.Pipeline;

namespace OpenCode.Local;

/// <summary>
/// Makes the backend that runs direct mode's GGUF file (<see cref="OpenCodeOptions.ModelPath"/>): inside this process
/// (<see cref="LocalModelMode.InProcess"/>) or in a supervised llama-server (<see cref="LocalModelMode.Server"/>). The OpenCode.Local
/// package implements it, so that the client core carries no native libraries and no process supervision; pass it to the provider
/// (<c>OpenCodeProvider.LocalModels</c>), or register it with <c>services.AddOpenCodeLocal()</c>.
/// </summary>
public interface ILocalModelBackendFactory
{
    /// <summary>Makes the backend for <see cref="LocalModelContext.ModelPath"/>; the model is loaded on first use, not here.</summary>
    /// <param name="context">The provider's settings and what a backend may use of it.</param>
    /// <returns>The backend; the provider disposes it.</returns>
    GenerationBackend CreateBackend(LocalModelContext context);
}
