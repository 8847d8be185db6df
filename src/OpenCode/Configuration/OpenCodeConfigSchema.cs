extern alias JsonEverything;

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using JsonEverything::Json.Schema;

namespace OpenCode.Configuration;

/// <summary>The JSON Schema of a config file (<c>docs/opencode.schema.json</c>, embedded in this assembly).</summary>
/// <remarks>Checked by JsonSchema.Net, which is built on System.Text.Json and its source-generated contracts (no reflection).</remarks>
internal static class OpenCodeConfigSchema
{
    internal const string ResourceName = "OpenCode.Configuration.opencode.schema.json";

    private static readonly Lazy<string> SchemaText = new(ReadResource);

    private static readonly Lazy<JsonElement> SchemaDocument = new(ParseSchema);

    private static readonly Lazy<JsonSchema> Parsed = new(() => JsonSchema.FromText(SchemaText.Value));

    // draft-07 makes "format" an annotation unless asked; the schema's "uri" format is meant as a check.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    internal static string Json => SchemaText.Value;

    /// <summary>Parses config text, spelling property names as the schema does.</summary>
    internal static bool TryParse(string json, [NotNullWhen(true)] out ConfigDocument? document, [NotNullWhen(false)] out string? error) =>
        ConfigDocumentReader.TryRead(json, SchemaDocument.Value, out document, out error);

    /// <summary>Checks a parsed config document; returns one message per problem, in the order they appear in the file.</summary>
    internal static IReadOnlyList<string> Validate(ConfigDocument document)
    {
        var results = Parsed.Value.Evaluate(document.Root, Options);
        if (results.IsValid)
        {
            return [];
        }

        return SchemaErrors.Of(results, SchemaDocument.Value)
            .Select(e => SchemaErrorText.Describe(e, SchemaDocument.Value, document))
            .OrderBy(m => m.Site?.Line ?? 0).ThenBy(m => m.Site?.Position ?? 0)
            .Select(m => m.Text)
            .ToList();
    }

    private static JsonElement ParseSchema()
    {
        using var document = JsonDocument.Parse(SchemaText.Value);
        return document.RootElement.Clone();
    }

    private static string ReadResource()
    {
        using var stream = typeof(OpenCodeConfigSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
