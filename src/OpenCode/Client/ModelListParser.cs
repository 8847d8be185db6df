using System.Text.Json;
using OpenCode.Models;
using OpenCode.Models.Lifecycle;

namespace OpenCode.Client;

/// <summary>Reads <c>/v1/models</c> answers: the OpenAI <c>data</c> list (with llama.cpp <c>meta</c>, vLLM <c>max_model_len</c>) or an Ollama-style <c>models</c> list.</summary>
internal static class ModelListParser
{
    public static IReadOnlyList<ModelInfo> Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            return [.. data.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object && Json.String(m, "id") is not null).Select(ParseModel)];
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array)
        {
            return [.. models.EnumerateArray()
                .Select(m => Json.String(m, "model") ?? Json.String(m, "name"))
                .OfType<string>()
                .Select(id => new ModelInfo { Id = id })];
        }

        throw new OpenCodeInvalidResponseException(
            "Model discovery failed: the response has neither a 'data' nor a 'models' array.", Json.Sample(root));
    }

    public static ModelInfo ParseModel(JsonElement model)
    {
        var meta = Json.Object(model, "meta");
        var created = Json.Long(model, "created");
        return new ModelInfo
        {
            Id = Json.String(model, "id")!,
            OwnedBy = Json.String(model, "owned_by"),
            Created = created is > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(created.Value) : null,
            ContextWindow = Json.Int(model, "max_model_len") ?? Json.Int(model, "context_length") ?? Json.Int(model, "context_window"),
            TrainingContextWindow = Json.Int(meta, "n_ctx_train"),
            ParameterCount = Json.Long(meta, "n_params"),
            VocabularySize = Json.Int(meta, "n_vocab"),
            SizeBytes = Json.Long(meta, "size"),
            BaseModel = Json.String(model, "parent") ?? (Json.String(model, "root") is { } root && root != Json.String(model, "id") ? root : null),
            LoadState = RouterModelState.From(Json.Object(model, "status"))?.State,
        };
    }
}
