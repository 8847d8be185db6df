namespace OpenCode;

/// <summary>Per-call settings for <see cref="ILlmPort.CompleteAsync"/>.</summary>
public sealed class LlmCompletionOptions
{
    /// <summary>Gets the model id; <see langword="null"/> uses the adapter's default.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the sampling temperature; <see langword="null"/> uses the adapter's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the most tokens to generate.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the sequences that end the generation.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Gets the functions the model may call.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>Gets whether and which tools the model must call; <see langword="null"/> lets the server decide.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Gets whether the model may ask for several tool calls at once; <see langword="null"/> lets the server decide.</summary>
    public bool? ParallelToolCalls { get; init; }
}
