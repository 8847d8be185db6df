namespace OpenCode.Models;

/// <summary>What a llama.cpp server reports at <c>/props</c>.</summary>
internal sealed class ServerProperties
{
    /// <summary>Gets the context window each slot runs with (<c>default_generation_settings.n_ctx</c>).</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets the number of requests served at once (<c>total_slots</c>).</summary>
    public int? TotalSlots { get; init; }

    /// <summary>Gets the path of the loaded model file.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Gets the model's chat template; empty or <see langword="null"/> when it has none.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>Gets the server's build description, for display only.</summary>
    public string? BuildInfo { get; init; }

    /// <summary>Gets the sampling the server applies when a request sets none (the model file's own defaults), when it said.</summary>
    public SamplingDefaults? Sampling { get; init; }
}
