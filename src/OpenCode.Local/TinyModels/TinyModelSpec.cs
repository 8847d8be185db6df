namespace OpenCode.Local.TinyModels;

/// <summary>The shape of a tiny random-weight <c>llama</c>-architecture model made by <see cref="TinyModelFactory"/>.</summary>
/// <remarks>The defaults make a ~1 MB model that a real llama-server loads in milliseconds and streams thousands of tokens a second from.</remarks>
public sealed record TinyModelSpec
{
    /// <summary>Gets the model's <c>general.name</c>.</summary>
    /// <value>Defaults to <c>opencode-tiny</c>.</value>
    public string Name { get; init; } = "opencode-tiny";

    /// <summary>Gets the width of the hidden state (<c>llama.embedding_length</c>).</summary>
    /// <value>Defaults to 64; a multiple of <see cref="HeadCount"/>. Keep it at 16–32 for vocabularies of 100k+ tokens.</value>
    public int EmbeddingLength { get; init; } = 64;

    /// <summary>Gets the number of transformer blocks.</summary>
    /// <value>Defaults to 2.</value>
    public int BlockCount { get; init; } = 2;

    /// <summary>Gets the number of attention heads.</summary>
    /// <value>Defaults to 4.</value>
    public int HeadCount { get; init; } = 4;

    /// <summary>Gets the number of key/value heads; <see langword="null"/> means <see cref="HeadCount"/>.</summary>
    public int? KeyValueHeadCount { get; init; }

    /// <summary>Gets the width of the feed-forward layer.</summary>
    /// <value>Defaults to 128.</value>
    public int FeedForwardLength { get; init; } = 128;

    /// <summary>Gets the context length the model says it was trained for (the server's default <c>n_ctx</c>).</summary>
    /// <value>Defaults to 4096.</value>
    public int ContextLength { get; init; } = 4096;

    /// <summary>Gets the seed of the random weights: the same spec always makes the same bytes.</summary>
    /// <value>Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Gets where the tokenizer comes from.</summary>
    /// <value>Defaults to the built-in vocabulary with StarCoder-style FIM tokens.</value>
    public VocabularySource Vocabulary { get; init; } = VocabularySource.BuiltIn();

    /// <summary>Gets the Jinja chat template; <see langword="null"/> keeps the vocabulary's, else a plain ChatML template.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>
    /// Gets a value indicating whether every token may be generated. When <see langword="false"/> (the default) only
    /// normal tokens whose text is printable ASCII can be picked, so generations never end early and never emit
    /// broken UTF-8; set it to make a model whose streams can fail mid-way.
    /// </summary>
    public bool AllowAnyToken { get; init; }

    /// <summary>
    /// Gets a value indicating whether byte tokens for bytes 0x80–0xFF may be generated besides the ASCII tokens (and still
    /// never an end-of-generation token): the model then emits invalid UTF-8 mid-stream, which a server reports as an error.
    /// Ignored when <see cref="AllowAnyToken"/> is set.
    /// </summary>
    public bool EmitHighBytes { get; init; }

    /// <summary>Gets sampling defaults written as GGUF <c>general.sampling.*</c> keys (for example <c>temp</c>, <c>top_k</c>), which llama-server applies when a request sets none.</summary>
    public IReadOnlyDictionary<string, float> Sampling { get; init; } = new Dictionary<string, float>();
}
