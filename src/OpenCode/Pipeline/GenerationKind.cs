namespace OpenCode.Pipeline;

/// <summary>What a <see cref="GenerationRequest"/> asks the model for, and so which server endpoint serves it.</summary>
public enum GenerationKind
{
    /// <summary>A conversation (<c>/v1/chat/completions</c>, or the model's chat template in process).</summary>
    Chat,

    /// <summary>A plain completion of <see cref="GenerationRequest.Prompt"/> (<c>/v1/completions</c>).</summary>
    Completion,

    /// <summary>Fill in the middle with the model's own FIM tokens (llama.cpp's <c>/infill</c>, or in process).</summary>
    Infill,

    /// <summary>
    /// Embedding vectors of <see cref="GenerationRequest.Embedding"/>'s inputs (<c>/v1/embeddings</c>, Ollama's <c>/api/embed</c>, or in process):
    /// the stream is one final chunk with <see cref="MessageChunk.Embeddings"/> and the usage.
    /// </summary>
    Embeddings,
}
