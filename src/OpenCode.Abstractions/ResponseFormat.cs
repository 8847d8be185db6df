using System.Text.Json;

namespace OpenCode;

/// <summary>The shape of answer a request asks for: text, any JSON object, or JSON that follows a schema (grammar-constrained where the server can).</summary>
public sealed record ResponseFormat
{
    private ResponseFormat(ResponseFormatKind kind, JsonElement? schema, string? name, string? description)
    {
        Kind = kind;
        Schema = schema;
        Name = name;
        Description = description;
    }

    /// <summary>Gets the format for free text.</summary>
    public static ResponseFormat Text { get; } = new(ResponseFormatKind.Text, null, null, null);

    /// <summary>Gets the format for any JSON object.</summary>
    public static ResponseFormat Json { get; } = new(ResponseFormatKind.Json, null, null, null);

    /// <summary>Gets the kind of format.</summary>
    public ResponseFormatKind Kind { get; }

    /// <summary>Gets the JSON schema the answer follows, for <see cref="ResponseFormatKind.JsonSchema"/>.</summary>
    public JsonElement? Schema { get; }

    /// <summary>Gets the schema's name, when given.</summary>
    public string? Name { get; }

    /// <summary>Gets the schema's description, when given.</summary>
    public string? Description { get; }

    /// <summary>Creates the format for JSON that follows a schema.</summary>
    /// <param name="schema">The JSON schema (a JSON object).</param>
    /// <param name="name">The schema's name; <see langword="null"/> for <c>response</c>.</param>
    /// <param name="description">What the schema describes.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a JSON object.</exception>
    public static ResponseFormat ForJsonSchema(JsonElement schema, string? name = null, string? description = null)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A JSON schema must be a JSON object; this one is a JSON {schema.ValueKind}.", nameof(schema));
        }

        return new(ResponseFormatKind.JsonSchema, schema.Clone(), name, description);
    }
}
