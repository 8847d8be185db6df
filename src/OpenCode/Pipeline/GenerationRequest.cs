namespace OpenCode.Pipeline;

/// <summary>
/// One request on its way through a generation pipeline: what to generate, for which model, and the caller's request it came from.
/// Stages that change it pass on a copy (<c>request with { Model = … }</c>).
/// </summary>
/// <param name="Kind">Chat, plain completion, fill-in-the-middle or embeddings.</param>
/// <param name="Model">The model id; <see langword="null"/> lets a single-model server choose.</param>
/// <param name="Request">The caller's request: messages or prompt, and the sampling settings.</param>
/// <param name="Prompt">The prompt of a plain completion (the request's own, or messages rendered as text); <see langword="null"/> for chat.</param>
/// <param name="Infill">The prefix, suffix and files of a fill-in-the-middle request (<see cref="GenerationKind.Infill"/>).</param>
public sealed record GenerationRequest(GenerationKind Kind, string? Model, MessageRequest Request, string? Prompt = null, InfillRequest? Infill = null)
{
    /// <summary>Gets the most tokens the request may generate; <see langword="null"/> when the server decides.</summary>
    public int? MaxTokens => Infill?.MaxTokens ?? Request.MaxTokens;

    /// <summary>Gets the inputs of an embeddings request (<see cref="GenerationKind.Embeddings"/>): one batch of texts; <see langword="null"/> for a generation.</summary>
    public EmbeddingRequest? Embedding { get; init; }

    /// <summary>Gets the GenAI semantic-convention operation name: <c>chat</c>, <c>text_completion</c> or <c>embeddings</c>.</summary>
    public string OperationName => Kind switch
    {
        GenerationKind.Chat => "chat",
        GenerationKind.Embeddings => "embeddings",
        _ => "text_completion",
    };
}
