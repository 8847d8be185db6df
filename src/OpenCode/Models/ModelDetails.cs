using System.Text.Json;

namespace OpenCode.Models;

/// <summary>Technical details of a model (the OpenCode API's <c>details</c>); unknown values are <see langword="null"/>.</summary>
internal sealed record ModelDetails
{
    /// <summary>Gets the number of parameters.</summary>
    public long? Parameters { get; init; }

    /// <summary>Gets the number of layers (blocks).</summary>
    public int? Layers { get; init; }

    /// <summary>Gets the number of attention heads.</summary>
    public int? AttentionHeads { get; init; }

    /// <summary>Gets the hidden (embedding) size.</summary>
    public int? HiddenSize { get; init; }

    /// <summary>Gets the vocabulary size.</summary>
    public int? VocabularySize { get; init; }

    /// <summary>Gets the license.</summary>
    public string? License { get; init; }

    /// <summary>Gets the repository the model comes from.</summary>
    public string? Repository { get; init; }

    /// <summary>Gets the benchmarks object, as the server sent it.</summary>
    public JsonElement? Benchmarks { get; init; }
}
