namespace OpenCode;

/// <summary>A fill-in-the-middle request: the code before and after the cursor, and other files for context.</summary>
public sealed record InfillRequest
{
    /// <summary>Gets the code before the cursor.</summary>
    public required string Prefix { get; init; }

    /// <summary>Gets the code after the cursor.</summary>
    /// <value>Empty by default.</value>
    public string Suffix { get; init; } = string.Empty;

    /// <summary>Gets other files given as context (sent as llama.cpp <c>input_extra</c>; not used by a FIM template).</summary>
    public IReadOnlyList<InfillFile> ExtraFiles { get; init; } = [];

    /// <summary>Gets the model id; <see langword="null"/> uses the provider's default model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the maximum number of tokens to generate; <see langword="null"/> leaves it to the server.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the sampling temperature; <see langword="null"/> uses the configured default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling probability, or <see langword="null"/>.</summary>
    public float? TopP { get; init; }

    /// <summary>Gets the random seed, or <see langword="null"/>.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets extra stop sequences, added to the family's stop tokens.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];
}
