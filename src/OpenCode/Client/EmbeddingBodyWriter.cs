using System.Buffers;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Writes the JSON body of an embeddings request: OpenAI's <c>/v1/embeddings</c> or Ollama's <c>/api/embed</c> (the same fields).</summary>
internal static class EmbeddingBodyWriter
{
    public static ReadOnlyMemory<byte> Write(EmbeddingRequest request, string? model)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + request.Inputs.Sum(input => input.Length + 8));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (model is not null)
            {
                json.WriteString("model", model);
            }

            json.WriteStartArray("input");
            foreach (var input in request.Inputs)
            {
                json.WriteStringValue(input);
            }

            json.WriteEndArray();
            if (request.Dimensions is { } dimensions)
            {
                json.WriteNumber("dimensions", dimensions);
            }

            RequestBodyWriter.WriteAdditional(json, request.AdditionalParameters, name => name is "model" or "input" or "dimensions", nameof(EmbeddingRequest));
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
