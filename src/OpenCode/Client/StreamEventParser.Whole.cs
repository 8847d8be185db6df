using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Reading an event whole: every property of the object, the choices, the delta and llama.cpp's native fields.</summary>
internal sealed partial class StreamEventParser
{
    /// <summary>Reads a whole event.</summary>
    /// <returns>Whether the event said nothing outside its choices (then its envelope is remembered).</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadChunk(ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        (_textBase, _textValues) = (0, 0);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid($"it is not a JSON object (starts with {reader.TokenType})", data);
        }

        var stopped = false;
        var errorObject = false;
        FinishReason? stopType = null;

        // Where the choices array starts and ends, and whether anything outside it said more than the envelope does.
        var arrayStart = -1;
        var arrayEnd = -1;
        var saidMore = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (StreamPropertyNames.Classify(ref reader))
            {
                case StreamProperty.Choices:
                    reader.Read();
                    saidMore |= arrayStart >= 0 || reader.TokenType != JsonTokenType.StartArray;
                    arrayStart = (int)reader.TokenStartIndex;
                    ReadChoices(ref reader, ref result, data);
                    arrayEnd = (int)reader.BytesConsumed;
                    break;
                case StreamProperty.Model:
                    reader.Read();
                    ReadModel(ref reader);
                    break;
                case StreamProperty.Usage:
                    reader.Read();
                    saidMore |= reader.TokenType == JsonTokenType.StartObject;
                    UsageReader.ReadUsage(ref reader, ref result);
                    break;
                case StreamProperty.Id when _identityId is null:
                case StreamProperty.Created when _identityCreated is null:
                    ReadIdentity(ref reader);
                    break;
                case StreamProperty.Timings:
                    reader.Read();
                    saidMore |= reader.TokenType == JsonTokenType.StartObject;
                    UsageReader.ReadTimings(ref reader, ref result);
                    break;
                case StreamProperty.Error:
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.Null or JsonTokenType.False)
                    {
                        // "error": null is how some servers say there is none.
                        break;
                    }

                    result = ErrorEvent(data);
                    return false;
                case StreamProperty.Object:
                    // vLLM and FastChat send an error as a bare object: {"object":"error","message":...}.
                    reader.Read();
                    errorObject |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                    break;

                // llama.cpp's native format (/infill, /completion): top-level content, stop (true on the last event), stop_type.
                case StreamProperty.Content:
                    reader.Read();
                    saidMore = true;
                    result.Content = ReadText(ref reader, "content", data);
                    break;
                case StreamProperty.Stop:
                    reader.Read();
                    saidMore = true;
                    stopped = reader.TokenType == JsonTokenType.True;
                    break;
                case StreamProperty.StopType:
                    reader.Read();
                    saidMore = true;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        // "limit" is n_predict reached; "eos" and "word" (a stop sequence) are natural ends.
                        stopType = reader.ValueTextEquals("limit"u8) ? FinishReason.Length : FinishReason.Stop;
                    }

                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
        }

        if (errorObject)
        {
            result = ErrorEvent(data);
            return false;
        }

        if (stopped)
        {
            result.FinishReason = stopType ?? FinishReason.Stop;
        }

        if (saidMore || arrayStart <= 0)
        {
            return false;
        }

        _envelope.RememberChoices(data[..arrayStart], data[arrayEnd..]);
        return true;
    }

    /// <summary>An error event: the whole data is the error's JSON, whatever else the event said.</summary>
    private static StreamEvent ErrorEvent(ReadOnlySpan<byte> data) => new() { Kind = StreamEventKind.Error, ErrorJson = Encoding.UTF8.GetString(data) };

    private void ReadIdentity(ref Utf8JsonReader reader)
    {
        var isId = reader.ValueTextEquals("id"u8);
        reader.Read();
        if (isId && reader.TokenType == JsonTokenType.String)
        {
            _identityId = reader.GetString();
        }
        else if (!isId && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds))
        {
            _identityCreated = ResponseIdentity.FromUnixSeconds(seconds);
        }
    }

    private void ReadModel(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        // Every chunk names the model: compare raw bytes with the last name instead of transcoding it again.
        if (_modelUtf8 is not null && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(_modelUtf8))
        {
            return;
        }

        if (Model is null || !reader.ValueTextEquals(Model))
        {
            Model = reader.GetString();
            _modelUtf8 = Model is null ? null : Encoding.UTF8.GetBytes(Model);

            // Remembered bytes may name the model this event replaced; an event matching them must be read whole to name it again.
            _envelope.Forget();
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
                result.ToolCalls = choice.ToolCalls;
            }
        }
    }

    private int ReadChoice(ref Utf8JsonReader reader, ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (StreamPropertyNames.Classify(ref reader))
            {
                case StreamProperty.Delta or StreamProperty.Message:
                    reader.Read();
                    ReadDelta(ref reader, ref result, data);
                    break;
                case StreamProperty.Text:
                    reader.Read();
                    result.Content = ReadText(ref reader, "choices[0].text", data);
                    break;
                case StreamProperty.FinishReason:
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        result.FinishReason = FinishReason.FromUtf8(reader.ValueSpan);
                    }

                    break;
                case StreamProperty.Index:
                    reader.Read();
                    index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : 0;
                    break;
                default:
                    SkipValue(ref reader);
                    break;
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
            switch (StreamPropertyNames.Classify(ref reader))
            {
                case StreamProperty.Content:
                    reader.Read();
                    result.Content = ReadText(ref reader, "choices[0].delta.content", data);
                    break;
                case StreamProperty.ReasoningContent or StreamProperty.Reasoning:
                    reader.Read();
                    result.Reasoning = ReadText(ref reader, "choices[0].delta.reasoning_content", data);
                    break;
                case StreamProperty.ToolCalls:
                    reader.Read();
                    result.ToolCalls = ToolCallDeltaReader.Read(ref reader);
                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
        }
    }

    /// <summary>Skips the value of the current property; a plain value needs only the read, not a call to Skip.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }
}
