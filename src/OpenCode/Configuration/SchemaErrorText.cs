extern alias JsonEverything;

using System.Text.Json;
using JsonEverything::Json.Pointer;

namespace OpenCode.Configuration;

/// <summary>Turns a <see cref="SchemaError"/> into a message that names the setting, its line, and what is allowed.</summary>
internal static class SchemaErrorText
{
    internal static (string Text, ConfigValueSite? Site) Describe(SchemaError error, JsonElement schemaRoot, ConfigDocument document)
    {
        ConfigValueSite? site = document.Sites.TryGetValue(error.Instance, out var found) ? found : null;
        var path = site?.Path ?? ConfigValueSite.RootPath;
        var element = JsonPointer.Parse(error.Instance).Evaluate(document.Root);
        var value = ValueOf(element);
        var shown = ConfigurationErrorText.Show(path, value);
        var schema = JsonPointer.Parse(error.Schema).Evaluate(schemaRoot) ?? default;
        var minimum = Number(schema, "minimum");
        var maximum = Number(schema, "maximum");
        var message = error.Keyword switch
        {
            "minimum" or "maximum" when minimum is { } min && maximum is { } max => ConfigurationErrorText.OutOfRange(path, value, min, max),
            "minimum" when minimum is { } min => $"{path}: {shown} is too small; allowed {min} or more",
            "maximum" when maximum is { } max => $"{path}: {shown} is too large; allowed at most {max}",
            "exclusiveMinimum" when Number(schema, "exclusiveMinimum") is { } above => $"{path}: {shown} is too small; must be more than {above}",
            "additionalProperties" => ConfigurationErrorText.UnknownSetting(path, Names(schema, "properties").Where(n => n != "$schema")),
            "type" => $"{path}: {shown} is not {TypeText.Describe(schema)}{RangeOf(minimum, maximum)}",
            "format" when Client.Json.String(schema, "format") == "uri" => $"{path}: {shown} is not an absolute URI",
            "minLength" when Number(schema, "minLength") == 1 => $"{path}: must not be empty",
            "enum" => $"{path}: {shown} is not allowed; allowed: {string.Join(", ", Values(schema, "enum"))}",
            "pattern" => $"{path}: {shown} does not match the pattern {Client.Json.String(schema, "pattern")}",
            "required" => $"{path}: missing required setting {string.Join(", ", Missing(schema, element))}",
            "anyOf" => $"{path}: set at least one of {string.Join(", ", AnyOfRequired(schema))}",
            _ => $"{path}: {shown} is invalid ({error.Keyword}: {error.Detail})",
        };
        return (site is { } at ? $"{message} {at}" : message, site);
    }

    private static object? ValueOf(JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.String => element.Value.GetString(),
        JsonValueKind.Number => element.Value.TryGetDecimal(out var d) ? d : element.Value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => new Literal("an object"),
        JsonValueKind.Array => new Literal("an array"),
        _ => null,
    };

    private static string RangeOf(decimal? minimum, decimal? maximum) =>
        minimum is { } min && maximum is { } max ? "; " + ConfigurationErrorText.Range(min, max) : string.Empty;

    private static decimal? Number(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var n) && n.ValueKind == JsonValueKind.Number
            ? n.GetDecimal()
            : null;

    private static IEnumerable<string> Names(JsonElement schema, string keyword) =>
        Client.Json.Object(schema, keyword) is { ValueKind: JsonValueKind.Object } properties ? properties.EnumerateObject().Select(p => p.Name) : [];

    private static IEnumerable<string> Values(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            : [];

    private static IEnumerable<string> Missing(JsonElement schema, JsonElement? value) =>
        Values(schema, "required").Where(name => value is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out _));

    // The schema's anyOf lists alternatives that each require one setting ("requests", "tokens" or "cost").
    private static IEnumerable<string> AnyOfRequired(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("anyOf", out var branches) && branches.ValueKind == JsonValueKind.Array
            ? branches.EnumerateArray().SelectMany(b => Values(b, "required")).Distinct()
            : [];

    /// <summary>Text shown as it is, without the quotes a string value gets.</summary>
    private sealed record Literal(string Text)
    {
        public override string ToString() => Text;
    }
}
