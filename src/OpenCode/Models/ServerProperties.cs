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

    /// <summary>Gets the server's role: <c>router</c> when llama-server serves several models from <c>--models-dir</c> and loads them on request.</summary>
    public string? Role { get; init; }

    /// <summary>Gets a value indicating whether this is llama-server's router mode (<see cref="Role"/> is <c>router</c>).</summary>
    public bool IsRouter => Role == "router";

    /// <summary>Gets the server's build description, for display only.</summary>
    public string? BuildInfo { get; init; }

    /// <summary>Gets the sampling the server applies when a request sets none (the model file's own defaults), when it said.</summary>
    public SamplingDefaults? Sampling { get; init; }
}
