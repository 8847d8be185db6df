namespace OpenCode.Models;

/// <summary>What a model can do, as its server reports it (the OpenCode API's <c>capabilities</c>); unknown values are <see langword="null"/>.</summary>
internal sealed record ModelCapabilities
{
    /// <summary>Gets the most tokens one answer may have, when the server says.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets whether answers can be streamed.</summary>
    public bool? Streaming { get; init; }

    /// <summary>Gets whether the model calls tools (llama.cpp template caps, Ollama <c>tools</c>).</summary>
    public bool? FunctionCalling { get; init; }

    /// <summary>Gets whether the model takes images (llama.cpp <c>modalities.vision</c>, Ollama <c>vision</c>).</summary>
    public bool? Multimodal { get; init; }

    /// <summary>Gets whether the model fills in the middle (FIM tokens in its vocabulary, Ollama <c>insert</c>, its family's format).</summary>
    public bool? CodeCompletion { get; init; }

    /// <summary>Gets whether the server says the model analyses code (OpenCode API only).</summary>
    public bool? CodeAnalysis { get; init; }

    /// <summary>Gets the programming languages the server names, when it names any.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>Gets the context window the server runs the model with (n_ctx, max_model_len, context_length), never a default.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets whether the model has a chat template.</summary>
    public bool? ChatTemplate { get; init; }

    /// <summary>Gets whether the model reasons before answering (Ollama <c>thinking</c>, a template with <c>&lt;think&gt;</c>).</summary>
    public bool? Reasoning { get; init; }
}
