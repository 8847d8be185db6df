using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenCode.Configuration;

/// <summary>Reads config text into a <see cref="ConfigDocument"/> in one pass of <see cref="Utf8JsonReader"/>.</summary>
/// <remarks>
/// Comments and trailing commas are allowed, as in appsettings.json; anything but comments after the document is not.
/// Configuration keys are case-insensitive everywhere else, so a name the schema knows in another case (<c>RateLimits</c>) is
/// rewritten to the schema's spelling before validation; the messages still name the setting as the file wrote it.
/// </remarks>
internal static class ConfigDocumentReader
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    internal static bool TryRead(
        string json, JsonElement schema, [NotNullWhen(true)] out ConfigDocument? document, [NotNullWhen(false)] out string? error)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var buffer = new ArrayBufferWriter<byte>(utf8.Length + 16);
        Dictionary<string, ConfigValueSite> sites;
        try
        {
            using var writer = new Utf8JsonWriter(buffer);
            sites = Copy(utf8, schema, writer);
        }
        catch (JsonException e)
        {
            document = null;
            error = $"invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {Reason(e)}";
            return false;
        }

        using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
        document = new ConfigDocument(parsed.RootElement.Clone(), sites);
        error = null;
        return true;
    }

    private static Dictionary<string, ConfigValueSite> Copy(byte[] utf8, JsonElement schema, Utf8JsonWriter writer)
    {
        var positions = new TextPositions(utf8);
        var sites = new Dictionary<string, ConfigValueSite>(StringComparer.Ordinal);
        var open = new Stack<Container>();
        var next = new Place(string.Empty, string.Empty, schema);
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                writer.WriteEndObjectOrArray(reader.TokenType);
                open.Pop();
                continue;
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var parent = open.Peek().Place;
                var (spelling, propertySchema) = SchemaProperty(parent.Schema, name);
                writer.WritePropertyName(spelling);
                next = new Place(parent.Pointer + "/" + Escape(spelling), ConfigurationErrorText.Join(parent.Path, name), propertySchema);
                continue;
            }

            var place = open.TryPeek(out var container) && container.IsArray ? container.NextItem() : next;
            var (line, position) = positions.Before(reader.BytesConsumed);
            sites[place.Pointer] = new ConfigValueSite(place.Path.Length == 0 ? ConfigValueSite.RootPath : place.Path, line, position);
            WriteValue(ref reader, writer);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                open.Push(new Container(place, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        writer.Flush();
        return sites;
    }

    private static void WriteValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.String: writer.WriteStringValue(reader.GetString()); break;
            case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            default: writer.WriteNullValue(); break;
        }
    }

    private static void WriteEndObjectOrArray(this Utf8JsonWriter writer, JsonTokenType end)
    {
        if (end == JsonTokenType.EndObject)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndArray();
        }
    }

    /// <summary>Finds a property in the schema by its exact name, else ignoring case; unknown names stay as written.</summary>
    private static (string Spelling, JsonElement? Schema) SchemaProperty(JsonElement? schema, string name)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } node
            || !node.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return (name, null);
        }

        if (properties.TryGetProperty(name, out var exact))
        {
            return (name, exact);
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return (property.Name, property.Value);
            }
        }

        return (name, null);
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    // The reader's message ends with its own 0-based "LineNumber: 0 | BytePositionInLine: 20."; the 1-based place is said already.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    /// <summary>A value's JSON Pointer, its path as written (empty for the root), and its schema when the schema describes it.</summary>
    private readonly record struct Place(string Pointer, string Path, JsonElement? Schema);

    /// <summary>An object or array being read; an array numbers its items.</summary>
    private sealed class Container(Place place, bool isArray)
    {
        private int count;

        internal Place Place => place;

        internal bool IsArray => isArray;

        internal Place NextItem()
        {
            var index = count++;
            var items = place.Schema is { ValueKind: JsonValueKind.Object } schema && schema.TryGetProperty("items", out var item) ? item : (JsonElement?)null;
            return new Place(
                place.Pointer + "/" + index.ToString(CultureInfo.InvariantCulture),
                place.Path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]",
                items);
        }
    }
}
