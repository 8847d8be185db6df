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

    /// <summary>
    /// Gets the llama-server slot to run on (<c>id_slot</c>), so consecutive requests for one document reuse that slot's KV cache;
    /// <see langword="null"/> lets the server choose. Sent only on llama.cpp's <c>/infill</c>.
    /// </summary>
    public int? SlotId { get; init; }

    /// <summary>Gets whether llama-server keeps the prompt in its KV cache for the next request (<c>cache_prompt</c>); <see langword="null"/> leaves the server's default. Sent only on <c>/infill</c>.</summary>
    public bool? CachePrompt { get; init; }

    /// <summary>
    /// Gets the minimum length of a chunk llama-server may reuse from its cache by shifting it (<c>n_cache_reuse</c>), so an edit in the middle of the
    /// prompt does not recompute everything after it; <see langword="null"/> leaves the server's default. Sent only on <c>/infill</c>.
    /// </summary>
    public int? CacheReuseChunk { get; init; }

    /// <summary>Gets the indentation every new line must have, else llama-server stops (<c>n_indent</c>); <see langword="null"/> for none. Sent only on <c>/infill</c>.</summary>
    public int? MinIndent { get; init; }

    /// <summary>Gets how long llama-server may generate before it stops (<c>t_max_predict_ms</c>); <see langword="null"/> for no limit. Sent only on <c>/infill</c>.</summary>
    public TimeSpan? GenerationTimeLimit { get; init; }
}
