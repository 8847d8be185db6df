namespace OpenCode.Models;

/// <summary>
/// The sampling a server applies when a request sets none: llama.cpp reads them from the model file (GGUF
/// <c>general.sampling.*</c>, written by whoever published the model) and reports them in <c>/props</c>.
/// </summary>
/// <remarks>
/// OpenCode sends a sampling parameter only when the request or the configuration sets it, so these model-specific
/// defaults apply otherwise, rather than a guess per family.
/// </remarks>
/// <param name="Temperature">The temperature.</param>
/// <param name="TopK">The top-k cut-off.</param>
/// <param name="TopP">The nucleus threshold.</param>
/// <param name="MinP">The min-p threshold.</param>
/// <param name="RepeatPenalty">The repetition penalty.</param>
public sealed record SamplingDefaults(float? Temperature, int? TopK, float? TopP, float? MinP, float? RepeatPenalty);
