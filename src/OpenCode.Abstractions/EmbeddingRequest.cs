namespace OpenCode;

/// <summary>Texts to turn into embedding vectors, and with which model.</summary>
/// <remarks>A record, so a changed copy is <c>request with { Model = … }</c>; lists compare by reference.</remarks>
public sealed record EmbeddingRequest
{
    /// <summary>Gets the texts, one vector each, answered in this order. None may be empty.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Gets the model id; <see langword="null"/> uses the configured default or the server's only model.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Gets the number of dimensions the vectors should have, sent where the server takes it (<c>dimensions</c>); a server that
    /// answers with another length fails the request with CAPABILITY_NOT_SUPPORTED rather than hand back vectors of another size.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the model's own size.</value>
    public int? Dimensions { get; init; }

    /// <summary>Gets extra JSON body fields passed through as they are (for example Ollama's <c>truncate</c> or <c>keep_alive</c>).</summary>
    /// <remarks>
    /// Values are written with System.Text.Json. In a trimmed or native AOT app, which serializes without reflection, a value must be a
    /// <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.Nodes.JsonNode"/>, a string, number or boolean, or an array,
    /// list or string-keyed dictionary of them; another type fails the request with <c>INVALID_REQUEST</c>.
    /// </remarks>
    public IReadOnlyDictionary<string, object?>? AdditionalParameters { get; init; }
}
