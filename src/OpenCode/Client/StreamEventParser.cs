using System.Text;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Parses the data of each SSE event of one stream with <see cref="Utf8JsonReader"/>, straight from the parser's buffer.</summary>
/// <remarks>One instance per stream: it remembers the model name so the same string is reused for every chunk.</remarks>
internal sealed class StreamEventParser
{
    private int _eventIndex;

    public string? Model { get; private set; }

    public StreamEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        _eventIndex++;
        data = data.Trim(" \t\r\n"u8);
        var result = default(StreamEvent);
        if (data.IsEmpty)
        {
            result.Kind = StreamEventKind.Empty;
            return result;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            result.Kind = StreamEventKind.Done;
            return result;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid($"it is not a JSON object (starts with {reader.TokenType})", data);
            }

            ReadChunk(ref reader, ref result, data);
            return result;
        }
        catch (JsonException ex)
        {
            throw Invalid($"it is not valid JSON ({ex.Message})", data, ex);
        }
    }

    private void ReadChunk(ref Utf8JsonReader reader, ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        var stopped = false;
        FinishReason? stopType = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NativeFieldReader.TryRead(ref reader, ref result, ref stopped, ref stopType, data, this))
            {
                continue;
            }

            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                ReadChoices(ref reader, ref result, data);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                ReadModel(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                UsageReader.ReadUsage(ref reader, ref result);
            }
            else if (reader.ValueTextEquals("timings"u8))
            {
                reader.Read();
                UsageReader.ReadTimings(ref reader, ref result);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                result.Kind = StreamEventKind.Error;
                result.ErrorJson = Encoding.UTF8.GetString(data);
                return;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (stopped)
        {
            result.FinishReason = stopType ?? FinishReason.Stop;
        }
    }

    private void ReadModel(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        if (Model is null || !reader.ValueTextEquals(Model))
        {
            Model = reader.GetString();
        }
    }

    private void ReadChoices(ref Utf8JsonReader reader, ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            // Only choice 0 is followed; with n > 1 a server interleaves events of other choices.
            var choice = default(StreamEvent);
            if (ReadChoice(ref reader, ref choice, data) == 0)
            {
                result.Content = choice.Content;
                result.Reasoning = choice.Reasoning;
                result.FinishReason = choice.FinishReason;
                result.HasToolCalls = choice.HasToolCalls;
            }
        }
    }

    private int ReadChoice(ref Utf8JsonReader reader, ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                ReadDelta(ref reader, ref result, data);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                result.Content = ReadText(ref reader, "choices[0].text", data);
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    result.FinishReason = FinishReason.FromUtf8(reader.ValueSpan);
                }
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : 0;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return index;
    }

    private void ReadDelta(ref Utf8JsonReader reader, ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                result.Content = ReadText(ref reader, "choices[0].delta.content", data);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                result.Reasoning = ReadText(ref reader, "choices[0].delta.reasoning_content", data);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                result.HasToolCalls |= reader.TokenType == JsonTokenType.StartArray;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    internal string? ReadText(ref Utf8JsonReader reader, string path, ReadOnlySpan<byte> data) => reader.TokenType switch
    {
        JsonTokenType.String => reader.ValueSpan.IsEmpty ? string.Empty : reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Invalid($"{path} is a JSON {reader.TokenType}, expected a string", data),
    };

    private OpenCodeInvalidResponseException Invalid(string problem, ReadOnlySpan<byte> data, Exception? inner = null)
    {
        var sample = Encoding.UTF8.GetString(data.Length > 200 ? data[..200] : data);
        return new OpenCodeInvalidResponseException($"Stream event {_eventIndex} could not be read: {problem}.", sample, inner);
    }
}
