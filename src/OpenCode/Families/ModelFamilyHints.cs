namespace OpenCode.Families;

/// <summary>What a server reports about a model that can name its family; any may be <see langword="null"/>.</summary>
internal sealed record ModelFamilyHints
{
    /// <summary>Gets the model id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the base model a fine-tune or adapter derives from (vLLM <c>parent</c>/<c>root</c>, Ollama <c>parent_model</c>); it wins over the id.</summary>
    public string? BaseModel { get; init; }

    /// <summary>Gets the model's own name (GGUF <c>general.name</c>, TGI <c>model_id</c>) or its file path.</summary>
    public string? ModelName { get; init; }

    /// <summary>Gets the architecture (GGUF <c>general.architecture</c>, Ollama <c>details.family</c>), used when no name matches.</summary>
    public string? Architecture { get; init; }
}
