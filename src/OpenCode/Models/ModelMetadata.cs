using System.Text.Json;

namespace OpenCode.Models;

/// <summary>Descriptive metadata of a model (the OpenCode API's <c>metadata</c>); unknown values are <see langword="null"/>.</summary>
internal sealed record ModelMetadata
{
    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the category (for example <c>code</c>).</summary>
    public string? Category { get; init; }

    /// <summary>Gets the architecture (GGUF <c>general.architecture</c>, Ollama <c>details.family</c>).</summary>
    public string? Architecture { get; init; }

    /// <summary>Gets what the model was trained on, when the server says.</summary>
    public string? TrainingData { get; init; }

    /// <summary>Gets whether the model is a fine-tune or adapter of another.</summary>
    public bool? FineTuned { get; init; }

    /// <summary>Gets the base model (vLLM <c>parent</c>/<c>root</c>, Ollama <c>parent_model</c>).</summary>
    public string? BaseModel { get; init; }

    /// <summary>Gets the pricing object, as the server sent it.</summary>
    public JsonElement? Pricing { get; init; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Gets the performance object, as the server sent it.</summary>
    public JsonElement? Performance { get; init; }
}
