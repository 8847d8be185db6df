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
}
