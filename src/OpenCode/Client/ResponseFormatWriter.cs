using System.Text.Json;
using OpenCode.Pipeline;

namespace OpenCode.Client;

/// <summary>
/// Writes a <see cref="ResponseFormat"/>: chat takes OpenAI's <c>response_format</c> (<c>json_object</c>, <c>json_schema</c>);
/// a plain completion takes llama.cpp's top-level <c>json_schema</c>, which constrains the output by a grammar.
/// </summary>
internal static class ResponseFormatWriter
{
    private static readonly JsonElement AnyObject = JsonDocument.Parse("""{"type":"object"}""").RootElement;

    public static void Write(Utf8JsonWriter json, ResponseFormat? format, GenerationKind kind)
    {
        if (format is null || format.Kind == ResponseFormatKind.Text)
        {
            return;
        }

        if (kind == GenerationKind.Infill)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, "ResponseFormat cannot constrain a fill-in-the-middle request.");
        }

        if (kind != GenerationKind.Chat)
        {
            json.WritePropertyName("json_schema");
            (format.Schema ?? AnyObject).WriteTo(json);
            return;
        }

        json.WriteStartObject("response_format");
        if (format.Kind == ResponseFormatKind.Json)
        {
            json.WriteString("type", "json_object");
        }
        else
        {
            json.WriteString("type", "json_schema");
            json.WriteStartObject("json_schema");
            json.WriteString("name", format.Name ?? "response");
            if (format.Description is not null)
            {
                json.WriteString("description", format.Description);
            }

            json.WritePropertyName("schema");
            format.Schema!.Value.WriteTo(json);
            json.WriteBoolean("strict", true);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
