using System.Buffers;
using System.Text.Json;
using OpenCode.Pipeline;

namespace OpenCode.Client;

/// <summary>Writes the JSON body of a chat or completion request with <see cref="Utf8JsonWriter"/> (no reflection on the hot path).</summary>
internal static class RequestBodyWriter
{
    public static ReadOnlyMemory<byte> Write(GenerationRequest wire, bool stream, bool includeUsage, float? defaultTemperature)
    {
        var request = wire.Request;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (wire.Model is not null)
            {
                json.WriteString("model", wire.Model);
            }

            if (wire.Kind == GenerationKind.Chat)
            {
                WriteMessages(json, request.Messages);
                ToolJsonWriter.WriteTools(json, request);
            }
            else if (wire.Infill is { } infill)
            {
                WriteInfill(json, infill);
            }
            else
            {
                ToolJsonWriter.RefuseOutsideChat(request);
                ImagePartsWriter.RefuseOutsideChat(request);
                json.WriteString("prompt", wire.Prompt ?? request.Prompt ?? string.Empty);
            }

            json.WriteBoolean("stream", stream);
            if (stream && includeUsage && wire.Kind != GenerationKind.Infill)
            {
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }

            ResponseFormatWriter.Write(json, request.ResponseFormat, wire.Kind);
            WriteSampling(json, request, defaultTemperature);
            WriteAdditional(json, request.AdditionalParameters, IsReserved, nameof(MessageRequest));
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteMessages(Utf8JsonWriter json, IReadOnlyList<Message> messages)
    {
        json.WriteStartArray("messages");
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteString("role", RoleName(message.Role));
            if (message.ToolCalls.Count > 0 || message.ToolCallId is not null)
            {
                ToolJsonWriter.WriteToolParts(json, message);
            }
            else if (message.ImageUrls.Count > 0)
            {
                ImagePartsWriter.Write(json, message);
            }
            else
            {
                json.WriteString("content", message.Content);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteInfill(Utf8JsonWriter json, InfillRequest infill)
    {
        json.WriteString("input_prefix", infill.Prefix);
        json.WriteString("input_suffix", infill.Suffix);
        json.WriteStartArray("input_extra");
        foreach (var file in infill.ExtraFiles)
        {
            json.WriteStartObject();
            json.WriteString("filename", file.FileName);
            json.WriteString("text", file.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteInfillServerSettings(json, infill);
    }

    private static void WriteInfillServerSettings(Utf8JsonWriter json, InfillRequest infill)
    {
        if (infill.SlotId is { } slot)
        {
            json.WriteNumber("id_slot", slot);
        }

        if (infill.CachePrompt is { } cachePrompt)
        {
            json.WriteBoolean("cache_prompt", cachePrompt);
        }

        if (infill.CacheReuseChunk is { } reuse)
        {
            json.WriteNumber("n_cache_reuse", reuse);
        }

        if (infill.MinIndent is { } indent)
        {
            json.WriteNumber("n_indent", indent);
        }

        if (infill.GenerationTimeLimit is { } limit)
        {
            json.WriteNumber("t_max_predict_ms", Math.Max(1, (long)limit.TotalMilliseconds));
        }
    }

    private static void WriteSampling(Utf8JsonWriter json, MessageRequest request, float? defaultTemperature)
    {
        if (request.MaxTokens is { } maxTokens)
        {
            json.WriteNumber("max_tokens", maxTokens);
        }

        if ((request.Temperature ?? defaultTemperature) is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }

        if (request.TopP is { } topP)
        {
            json.WriteNumber("top_p", topP);
        }

        if (request.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        if (request.Stop.Count > 0)
        {
            json.WriteStartArray("stop");
            foreach (var stop in request.Stop)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }
    }

    /// <summary>Writes a request's AdditionalParameters; a name OpenCode writes itself is refused, naming the property to use instead.</summary>
    /// <param name="json">The writer, inside the body's object.</param>
    /// <param name="additional">The parameters; <see langword="null"/> writes nothing.</param>
    /// <param name="isReserved">Whether a name is one OpenCode writes itself.</param>
    /// <param name="requestType">The request type whose property replaces a reserved name, for the message.</param>
    internal static void WriteAdditional(
        Utf8JsonWriter json, IReadOnlyDictionary<string, object?>? additional, Func<string, bool> isReserved, string requestType)
    {
        if (additional is null)
        {
            return;
        }

        foreach (var (name, value) in additional)
        {
            if (isReserved(name))
            {
                throw new OpenCodeException(
                    OpenCodeErrorCodes.InvalidRequest,
                    $"AdditionalParameters: '{name}' is set by OpenCode itself; use the {requestType} property instead.");
            }

            json.WritePropertyName(name);
            AdditionalParameterJson.Write(json, name, value);
        }
    }

    private static bool IsReserved(string name) =>
        name is "model" or "messages" or "prompt" or "stream" or "stream_options" or "input_prefix" or "input_suffix" or "input_extra"
            or "tools" or "tool_choice" or "parallel_tool_calls" or "response_format" or "json_schema";

    internal static string RoleName(MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.User => "user",
        MessageRole.Assistant => "assistant",
        MessageRole.Tool => "tool",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown message role."),
    };
}
