using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace OpenCode.Configuration;

/// <summary>Turns an NJsonSchema validation error into a message that names the setting and what is allowed.</summary>
internal static class SchemaErrorText
{
    internal static string Describe(ValidationError error, JToken document)
    {
        // A value that fails every type of a union (["string", "null"]) may still be of the right type and fail a
        // narrower rule (format, range); that rule is the one worth naming.
        if (error is MultiTypeValidationError union
            && union.Errors.SelectMany(e => e.Value).FirstOrDefault(e => !IsTypeError(e.Kind)) is { } specific)
        {
            error = specific;
        }

        var path = ToPath(error.Path);
        var value = ValueAt(document, path);
        var shown = ConfigurationErrorText.Show(path, value);
        var schema = error.Schema;
        var message = error.Kind switch
        {
            ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig
                when schema?.Minimum is { } min && schema.Maximum is { } max => ConfigurationErrorText.OutOfRange(path, value, min, max),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => ConfigurationErrorText.UnknownSetting(path, AllowedNames(error)),
            ValidationErrorKind.UriExpected => $"{path}: {shown} is not an absolute URI",
            ValidationErrorKind.StringTooShort => $"{path}: must not be empty",
            _ when schema is not null && IsTypeError(error.Kind) => $"{path}: {shown} is not {Describe(schema.Type)}{RangeOf(schema)}",
            _ => $"{path}: {shown} is invalid ({error.Kind})",
        };
        return error.HasLineInfo ? $"{message} (line {error.LineNumber}, position {error.LinePosition})" : message;
    }

    private static bool IsTypeError(ValidationErrorKind kind) => kind is ValidationErrorKind.NoTypeValidates
        or ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
        or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
        or ValidationErrorKind.NullExpected;

    private static string ToPath(string? schemaPath)
    {
        var path = (schemaPath ?? string.Empty).TrimStart('#').TrimStart('/');
        return path.Length == 0 ? "(root)" : path;
    }

    private static object? ValueAt(JToken document, string path)
    {
        JToken? token;
        try
        {
            token = path == "(root)" ? document : document.SelectToken(path);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }

        return token switch
        {
            JValue value => value.Value,
            JObject => new Literal("an object"),
            JArray => new Literal("an array"),
            _ => null,
        };
    }

    private static IEnumerable<string> AllowedNames(ValidationError error) =>
        error.Schema?.Properties.Keys.Where(k => k != "$schema") ?? [];

    private static string RangeOf(JsonSchema schema) =>
        schema.Minimum is { } min && schema.Maximum is { } max ? "; " + ConfigurationErrorText.Range(min, max) : string.Empty;

    private static string Describe(JsonObjectType type)
    {
        var names = new List<string>();
        void Add(JsonObjectType flag, string name)
        {
            if (type.HasFlag(flag))
            {
                names.Add(name);
            }
        }

        Add(JsonObjectType.Integer, "an integer");
        Add(JsonObjectType.Number, "a number");
        Add(JsonObjectType.Boolean, "true or false");
        Add(JsonObjectType.String, "a string");
        Add(JsonObjectType.Array, "an array");
        Add(JsonObjectType.Object, "an object");
        Add(JsonObjectType.Null, "null");
        return names.Count == 0 ? "valid here" : string.Join(" or ", names);
    }

    /// <summary>Text shown as it is, without the quotes a string value gets.</summary>
    private sealed record Literal(string Text)
    {
        public override string ToString() => Text;
    }
}
