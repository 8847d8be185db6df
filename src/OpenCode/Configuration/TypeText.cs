using System.Text.Json;

namespace OpenCode.Configuration;

/// <summary>Words a schema's <c>type</c> keyword: <c>["integer", "null"]</c> reads "an integer or null".</summary>
internal static class TypeText
{
    private static readonly (string Type, string Text)[] Names =
    [
        ("integer", "an integer"), ("number", "a number"), ("boolean", "true or false"), ("string", "a string"),
        ("array", "an array"), ("object", "an object"), ("null", "null"),
    ];

    internal static string Describe(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return "valid here";
        }

        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).ToHashSet()
            : [type.GetString()];
        var names = Names.Where(n => types.Contains(n.Type)).Select(n => n.Text).ToList();
        return names.Count == 0 ? "valid here" : string.Join(" or ", names);
    }
}
