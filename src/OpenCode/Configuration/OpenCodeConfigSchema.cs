using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace OpenCode.Configuration;

/// <summary>The JSON Schema of a config file (<c>docs/opencode.schema.json</c>, embedded in this assembly).</summary>
internal static class OpenCodeConfigSchema
{
    internal const string ResourceName = "OpenCode.Configuration.opencode.schema.json";

    private static readonly Lazy<string> SchemaText = new(ReadResource);

    // Read keyword by keyword rather than with NJsonSchema's reader, which needs Json.NET's reflection (see ConfigSchemaReader).
    private static readonly Lazy<JsonSchema> Parsed = new(() => ConfigSchemaReader.Read(JObject.Parse(SchemaText.Value)));

    internal static string Json => SchemaText.Value;

    /// <summary>Checks a parsed config document; returns one message per problem.</summary>
    internal static IReadOnlyList<string> Validate(JToken document)
    {
        // Configuration keys are case-insensitive everywhere else, so a file may write "RateLimits" too.
        var validator = new JsonSchemaValidator(new JsonSchemaValidatorSettings { PropertyStringComparer = StringComparer.OrdinalIgnoreCase });
        return validator.Validate(document, Parsed.Value, SchemaType.JsonSchema)
            .OrderBy(e => e.LineNumber).ThenBy(e => e.LinePosition)
            .Select(e => SchemaErrorText.Describe(e, document))
            .ToList();
    }

    private static string ReadResource()
    {
        using var stream = typeof(OpenCodeConfigSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
