using System.Buffers.Binary;
using System.Text.Json;
using OpenCode.Limits;

namespace OpenCode.Client;

/// <summary>
/// Reads an embeddings answer: OpenAI's <c>data[].embedding</c> (float arrays, or base64 of little-endian float32 where
/// <c>encoding_format: base64</c> was asked for) placed by <c>index</c>, or Ollama's <c>embeddings</c>; the usage and the model.
/// Anything else is INVALID_RESPONSE naming what is wrong (an error object in the answer is the client's to throw, masked).
/// </summary>
internal static class EmbeddingResponseParser
{
    private const string Operation = "Embeddings";

    public static EmbeddingAnswer Parse(JsonElement root, EmbeddingRequest request, string? requestedModel, bool ollama)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"the response is a JSON {root.ValueKind}, expected an object", root);
        }

        var vectors = ollama ? ReadOllama(root, request.Inputs.Count) : ReadOpenAi(root, request.Inputs.Count);
        var dimensions = vectors[0].Length;
        for (var i = 1; i < vectors.Length; i++)
        {
            if (vectors[i].Length != dimensions)
            {
                throw Invalid($"vector {i} has {vectors[i].Length} dimensions, vector 0 has {dimensions}", root);
            }
        }

        if (request.Dimensions is { } asked && asked != dimensions)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                $"{Operation} failed: {asked} dimensions were asked for, but the server answered with {dimensions}-dimensional vectors (it ignores 'dimensions' for this model).");
        }

        var model = Json.String(root, "model") ?? requestedModel;
        return new EmbeddingAnswer([.. vectors.Select(v => new ReadOnlyMemory<float>(v))], model, ReadUsage(root, request, ollama));
    }

    private static float[][] ReadOpenAi(JsonElement root, int expected)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("the response has no 'data' array", root);
        }

        if (data.GetArrayLength() != expected)
        {
            throw Invalid($"{expected} inputs were sent but 'data' has {data.GetArrayLength()} entries", root);
        }

        var vectors = new float[expected][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("embedding", out var embedding))
            {
                throw Invalid($"data[{position}] has no 'embedding'", root);
            }

            var index = item.TryGetProperty("index", out var indexElement) ? ReadIndex(indexElement, position, expected, root) : position;
            if (vectors[index] is not null)
            {
                throw Invalid($"data has two entries with index {index}", root);
            }

            vectors[index] = embedding.ValueKind == JsonValueKind.String
                ? FromBase64(embedding.GetString()!, $"data[{position}].embedding", root)
                : ReadFloats(embedding, $"data[{position}].embedding", root);
            position++;
        }

        return vectors;
    }

    private static float[][] ReadOllama(JsonElement root, int expected)
    {
        if (!root.TryGetProperty("embeddings", out var embeddings) || embeddings.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("the response has no 'embeddings' array", root);
        }

        if (embeddings.GetArrayLength() != expected)
        {
            throw Invalid($"{expected} inputs were sent but 'embeddings' has {embeddings.GetArrayLength()} entries", root);
        }

        var vectors = new float[expected][];
        var i = 0;
        foreach (var embedding in embeddings.EnumerateArray())
        {
            vectors[i] = ReadFloats(embedding, $"embeddings[{i}]", root);
            i++;
        }

        return vectors;
    }

    private static int ReadIndex(JsonElement element, int position, int expected, JsonElement root) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var index) && index >= 0 && index < expected
            ? index
            : throw Invalid($"data[{position}].index is {element.GetRawText()}, not an input index 0..{expected - 1}", root);

    private static float[] ReadFloats(JsonElement array, string path, JsonElement root)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw Invalid($"{path} is not a non-empty array of numbers", root);
        }

        var vector = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var value in array.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out vector[i]) || !float.IsFinite(vector[i]))
            {
                throw Invalid($"{path}[{i}] is {Json.Sample(value)}, not a finite number", root);
            }

            i++;
        }

        return vector;
    }

    private static float[] FromBase64(string text, string path, JsonElement root)
    {
        var bytes = new byte[text.Length * 3 / 4];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written == 0 || written % sizeof(float) != 0)
        {
            throw Invalid($"{path} is a string but not base64 of float32 values", root);
        }

        var vector = new float[written / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return vector;
    }

    private static TokenUsage ReadUsage(JsonElement root, EmbeddingRequest request, bool ollama)
    {
        var prompt = ollama
            ? Json.Int(root, "prompt_eval_count")
            : Json.Int(Json.Object(root, "usage"), "prompt_tokens") ?? Json.Int(Json.Object(root, "usage"), "total_tokens");
        return prompt is { } reported
            ? new TokenUsage(reported, 0, UsageSource.Reported)
            : new TokenUsage((int)TokenEstimator.EstimateInputs(request), 0, UsageSource.Counted);
    }

    private static OpenCodeInvalidResponseException Invalid(string what, JsonElement root) =>
        new($"{Operation} failed: {what}.", Json.Sample(root));
}
