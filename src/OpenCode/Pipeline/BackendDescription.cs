using OpenCode.Models;

namespace OpenCode.Pipeline;

/// <summary>What a <see cref="GenerationBackend"/> serves, learned when it connects.</summary>
/// <param name="Endpoint">Where it is: the server's root URL, or a <c>file:</c> URL of a model run in this process.</param>
/// <param name="Capabilities">The capabilities of its default model.</param>
/// <param name="Models">The models it serves; empty when the server does not list them.</param>
/// <param name="DefaultModel">The model a request without one gets; <see langword="null"/> when the server chooses.</param>
public sealed record BackendDescription(Uri Endpoint, ProviderCapabilities Capabilities, IReadOnlyList<ModelInfo> Models, string? DefaultModel);
