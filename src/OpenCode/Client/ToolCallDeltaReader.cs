using System.Text.Json;

namespace OpenCode.Client;

/// <summary>
/// Reads a <c>tool_calls</c> array of a chat chunk (streamed deltas or a whole message) into <see cref="ToolCallDelta"/>s.
/// Called only when an event has the property, so plain-text streams never reach it.
/// </summary>
internal static class ToolCallDeltaReader
{
    /// <summary>Reads the array the reader is on; <see langword="null"/> for <c>null</c> or an empty array.</summary>
    /// <exception cref="JsonException">The value is not an array of objects, or a field has the wrong type.</exception>
    public static List<ToolCallDelta>? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"tool_calls is a JSON {reader.TokenType}, expected an array");
        }

        List<ToolCallDelta>? deltas = null;
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"tool_calls[{position}] is a JSON {reader.TokenType}, expected an object");
            }

            (deltas ??= new List<ToolCallDelta>(1)).Add(ReadCall(ref reader, position));
            position++;
        }

        return deltas;
    }

    private static ToolCallDelta ReadCall(ref Utf8JsonReader reader, int position)
    {
        // A whole (non-streamed) message may leave out "index": its calls are numbered by position.
        int index = position;
        string? id = null, name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= 0
                    ? value
                    : throw new JsonException($"tool_calls[{position}].index is not a non-negative integer");
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = OptionalString(ref reader, position, "id");
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                ReadFunction(ref reader, position, ref name, ref arguments);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ToolCallDelta(index, id, name, arguments);
    }

    private static void ReadFunction(ref Utf8JsonReader reader, int position, ref string? name, ref string? arguments)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"tool_calls[{position}].function is a JSON {reader.TokenType}, expected an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = OptionalString(ref reader, position, "function.name");
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();

                // Some servers send the arguments as a JSON object rather than as its text; both mean the same call.
                arguments = reader.TokenType is JsonTokenType.StartObject
                    ? ReadRawObject(ref reader)
                    : OptionalString(ref reader, position, "function.arguments");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string ReadRawObject(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    private static string? OptionalString(ref Utf8JsonReader reader, int position, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"tool_calls[{position}].{field} is a JSON {reader.TokenType}, expected a string"),
    };
}
