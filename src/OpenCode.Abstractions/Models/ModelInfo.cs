namespace OpenCode.Models;

/// <summary>A model a server serves, with what the server says about it; unknown values stay <see langword="null"/>.</summary>
public sealed class ModelInfo
{
    /// <summary>Gets the model id to send in requests.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the owner the server names, when it names one.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>Gets when the model was created or loaded, when the server says.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Gets the context window the server runs the model with (vLLM <c>max_model_len</c>, <c>context_length</c>), when it says.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets the context length the model was trained with (llama.cpp <c>meta.n_ctx_train</c>), when the server says.</summary>
    public int? TrainingContextWindow { get; init; }

    /// <summary>Gets the number of parameters (llama.cpp <c>meta.n_params</c>), when the server says.</summary>
    public long? ParameterCount { get; init; }

    /// <summary>Gets the vocabulary size (llama.cpp <c>meta.n_vocab</c>), when the server says.</summary>
    public int? VocabularySize { get; init; }

    /// <summary>Gets the model file size in bytes (llama.cpp <c>meta.size</c>), when the server says.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Gets the base model this one derives from (vLLM <c>root</c>/<c>parent</c> for LoRA adapters), when the server says.</summary>
    public string? BaseModel { get; init; }

    /// <summary>Gets whether the model is in memory, when the server says (llama-server router mode, Ollama <c>/api/ps</c>, in-process).</summary>
    public ModelLoadState? LoadState { get => _loadState; init => _loadState = value; }

    private ModelLoadState? _loadState;

    /// <summary>A copy with the load state the server reports now (every other value as it is, including any added later).</summary>
    internal ModelInfo WithLoadState(ModelLoadState? state)
    {
        var copy = (ModelInfo)MemberwiseClone();
        copy._loadState = state;
        return copy;
    }
}
