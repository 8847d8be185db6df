using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace OpenCode.Configuration;

/// <summary>Builds NJsonSchema's object model of the config schema from its JSON, keyword by keyword.</summary>
/// <remarks>
/// NJsonSchema reads a schema through Json.NET's reflection-based serializer, which a native AOT build cannot run (the CLI's is
/// one); its validator needs only the object model. This reads the keywords <c>docs/opencode.schema.json</c> uses and refuses any
/// other, so a schema that starts using a new keyword fails the tests instead of being checked less than it says (the tests also
/// compare the result with NJsonSchema's own reading).
/// </remarks>
internal static class ConfigSchemaReader
{
    internal static JsonSchema Read(JObject schema) => Fill(new JsonSchema(), schema);

    private static T Fill<T>(T schema, JObject node)
        where T : JsonSchema
    {
        foreach (var (keyword, value) in node)
        {
            switch (keyword)
            {
                case "$schema": schema.SchemaVersion = (string?)value; break;
                case "title": schema.Title = (string?)value; break;
                case "description": schema.Description = (string?)value; break;
                case "default": schema.Default = ValueOf(value!); break;
                case "type": schema.Type = TypeOf(value!); break;
                case "format": schema.Format = (string?)value; break;
                case "pattern": schema.Pattern = (string?)value; break;
                case "minLength": schema.MinLength = (int?)value; break;
                case "minimum": schema.Minimum = (decimal?)value; break;
                case "maximum": schema.Maximum = (decimal?)value; break;
                case "exclusiveMinimum": schema.ExclusiveMinimum = (decimal?)value; break;
                case "additionalProperties": schema.AllowAdditionalProperties = (bool)value!; break;
                case "items": schema.Item = Fill(new JsonSchema(), Object(value)); break;
                case "properties":
                    foreach (var (name, property) in Object(value))
                    {
                        schema.Properties[name] = Fill(new JsonSchemaProperty(), Object(property));
                    }

                    break;
                case "required":
                    foreach (var name in Array(value))
                    {
                        schema.RequiredProperties.Add((string)name!);
                    }

                    break;
                case "enum":
                    foreach (var item in Array(value))
                    {
                        schema.Enumeration.Add(ValueOf(item));
                    }

                    break;
                case "anyOf":
                    foreach (var item in Array(value))
                    {
                        schema.AnyOf.Add(Fill(new JsonSchema(), Object(item)));
                    }

                    break;
                default:
                    throw Unread(value, $"the keyword '{keyword}'");
            }
        }

        return schema;
    }

    private static JsonObjectType TypeOf(JToken value) => value is JArray names
        ? names.Select(TypeOf).Aggregate(JsonObjectType.None, (all, one) => all | one)
        : (string?)value switch
        {
            "string" => JsonObjectType.String,
            "integer" => JsonObjectType.Integer,
            "number" => JsonObjectType.Number,
            "boolean" => JsonObjectType.Boolean,
            "object" => JsonObjectType.Object,
            "array" => JsonObjectType.Array,
            "null" => JsonObjectType.Null,
            var other => throw Unread(value, $"the type '{other}'"),
        };

    // As Json.NET reads a JSON value into an object: a scalar as its value, an array or object as the token itself.
    private static object? ValueOf(JToken value) => value is JValue scalar ? scalar.Value : value.DeepClone();

    private static JObject Object(JToken? value) => value as JObject ?? throw Unread(value, "a value that is not an object");

    private static JArray Array(JToken? value) => value as JArray ?? throw Unread(value, "a value that is not an array");

    private static InvalidOperationException Unread(JToken? at, string what) =>
        new($"The config schema has {what} at '{at?.Path}', which ConfigSchemaReader does not read; teach it before the schema uses it.");
}
