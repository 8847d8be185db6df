namespace OpenCode.Local.InProcess;

/// <summary>What the GGUF header says about a model, read before any native code sees the file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Name">The model id: the file name without its extension.</param>
/// <param name="Architecture">The <c>general.architecture</c>.</param>
/// <param name="TrainingContext">The context length the model was trained with.</param>
/// <param name="ContextSize">The context size it will run with (the configured one, else the training one).</param>
/// <param name="ChatTemplate">The <c>tokenizer.chat_template</c>; <see langword="null"/> when the file has none.</param>
/// <param name="HasFimTokens">Whether the vocabulary names FIM prefix, suffix and middle tokens.</param>
/// <param name="VocabularySize">The number of tokens.</param>
/// <param name="ParameterCount">The number of weights, summed over the tensors.</param>
/// <param name="FileSize">The file's size in bytes.</param>
/// <param name="RequiredBytes">The estimated memory for the weights, the KV cache of <paramref name="ContextSize"/> and working buffers.</param>
internal sealed record ModelFacts(
    string Path,
    string Name,
    string Architecture,
    int TrainingContext,
    int ContextSize,
    string? ChatTemplate,
    bool HasFimTokens,
    int VocabularySize,
    long ParameterCount,
    long FileSize,
    long RequiredBytes);
