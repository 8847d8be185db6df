using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Parses the data of each SSE event of one stream with <see cref="Utf8JsonReader"/>, straight from the parser's buffer.</summary>
/// <remarks>One instance per stream: it remembers the model name so the same string is reused for every chunk.</remarks>
internal sealed class StreamEventParser
{
    private static readonly (string Name, Property Property)[] EscapableNames =
    [
        ("text", Property.Text), ("model", Property.Model), ("delta", Property.Delta), ("usage", Property.Usage), ("error", Property.Error), ("index", Property.Index), ("stop", Property.Stop), ("stop_type", Property.StopType),
        ("choices", Property.Choices), ("content", Property.Content), ("timings", Property.Timings), ("message", Property.Message),
        ("reasoning", Property.Reasoning), ("tool_calls", Property.ToolCalls), ("finish_reason", Property.FinishReason),
        ("reasoning_content", Property.ReasoningContent), ("object", Property.Object), ("id", Property.Id), ("created", Property.Created),
    ];

    private int _eventIndex;
    private string? _identityId;
    private DateTimeOffset? _identityCreated;
    private byte[]? _modelUtf8;
    private readonly TokenStringCache _tokens = new();
    private readonly EventEnvelope _envelope = new();
    private readonly bool _rememberRepeats;

    // Where the text values read in the current event are, in its data: how many, and the last one's bounds.
    private int _textBase;
    private int _textValues;
    private int _textStart;
    private int _textEnd;

    /// <summary>Initializes a parser for one stream.</summary>
    /// <param name="rememberRepeats">
    /// Whether to read only the news of events that repeat what the last plain events said around it (see <see cref="EventEnvelope"/>);
    /// off, every event is read whole (the reference the tests hold the default to).
    /// </param>
    public StreamEventParser(bool rememberRepeats = true) => _rememberRepeats = rememberRepeats;

    public string? Model { get; private set; }

    /// <summary>Gets the server's <c>id</c> and <c>created</c> as far as sent; each is read from the first event that has it, later events skip it unread.</summary>
    public ResponseIdentity? Identity => _identityId is null && _identityCreated is null ? null : new ResponseIdentity(_identityId, _identityCreated);

    public StreamEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        _eventIndex++;
        if (!data.IsEmpty && (IsSpace(data[0]) || IsSpace(data[^1])))
        {
            data = data.Trim(" \t\r\n"u8);
        }

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
            if (TryReadTextOnly(ref result, data))
            {
                return result;
            }

            _textValues = 0;
            var plain = TryReadChoicesOnly(ref result, data);
            if (!plain)
            {
                result = default;
                _textValues = 0;
                plain = ReadChunk(ref result, data);
            }

            if (plain && _rememberRepeats)
            {
                RememberText(in result, data);
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw Invalid($"it is not valid JSON ({ex.Message})", data, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString on bytes that are not UTF-8 ("Cannot transcode invalid UTF-8").
            throw Invalid("a text value is not valid UTF-8", data, ex);
        }
    }

    /// <summary>Reads only the text of an event that repeats the remembered bytes around it (see <see cref="EventEnvelope"/>).</summary>
    private bool TryReadTextOnly(ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        if (!_envelope.MatchText(data, out var value, out var plain))
        {
            return false;
        }

        string? text;
        if (plain)
        {
            text = value.Length == 2 ? string.Empty : _tokens.ReadAscii(value[1..^1]);
        }
        else if (!TryReadString(value, out text))
        {
            return false;
        }

        if (_envelope.TextIsReasoning)
        {
            result.Reasoning = text;
        }
        else
        {
            result.Content = text;
        }

        return true;
    }

    /// <summary>Reads a text value with escapes or non-ASCII text: it must be one JSON string and nothing else, or the whole event is read.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadString(ReadOnlySpan<byte> value, out string? text)
    {
        text = null;
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.BytesConsumed != value.Length)
            {
                return false;
            }

            text = ReadString(ref reader);
            return true;
        }
        catch (JsonException)
        {
            // Not one string: the quotes belong to something else; reading the whole event says what.
            return false;
        }
    }

    /// <summary>Remembers the bytes around the text of a plain event that said nothing but one text value.</summary>
    private void RememberText(in StreamEvent result, ReadOnlySpan<byte> data)
    {
        if (_textValues == 1 && result is { Kind: StreamEventKind.Chunk, FinishReason: null, ToolCalls: null, Usage: null }
            && (result.Content is null) != (result.Reasoning is null))
        {
            _envelope.RememberText(data[.._textStart], data[_textEnd..], reasoning: result.Reasoning is not null);
        }
    }

    /// <summary>Reads only the choices of an event whose envelope is the remembered one (see <see cref="EventEnvelope"/>).</summary>
    /// <remarks>Not inlined, nor is <see cref="ReadChunk"/>: each has its own reader, and one method holding both zeroes both on every call.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadChoicesOnly(ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        var start = _envelope.MatchChoicesStart(data);
        if (start == 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(data[start..]);
        _textBase = start;
        reader.Read();
        ReadChoices(ref reader, ref result, data);
        return _envelope.MatchesAfterChoices(data[(start + (int)reader.BytesConsumed)..]);
    }

    /// <summary>Reads a whole event.</summary>
    /// <returns>Whether the event said nothing outside its choices (then its envelope is remembered).</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadChunk(ref StreamEvent result, ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        _textBase = 0;
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
            switch (Classify(ref reader))
            {
                case Property.Choices:
                    reader.Read();
                    saidMore |= arrayStart >= 0 || reader.TokenType != JsonTokenType.StartArray;
                    arrayStart = (int)reader.TokenStartIndex;
                    ReadChoices(ref reader, ref result, data);
                    arrayEnd = (int)reader.BytesConsumed;
                    break;
                case Property.Model:
                    reader.Read();
                    ReadModel(ref reader);
                    break;
                case Property.Usage:
                    reader.Read();
                    saidMore |= reader.TokenType == JsonTokenType.StartObject;
                    UsageReader.ReadUsage(ref reader, ref result);
                    break;
                case Property.Id when _identityId is null:
                    ReadIdentity(ref reader);
                    break;
                case Property.Created when _identityCreated is null:
                    ReadIdentity(ref reader);
                    break;
                case Property.Timings:
                    reader.Read();
                    saidMore |= reader.TokenType == JsonTokenType.StartObject;
                    UsageReader.ReadTimings(ref reader, ref result);
                    break;
                case Property.Error:
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.Null or JsonTokenType.False)
                    {
                        // "error": null is how some servers say there is none.
                        break;
                    }

                    result.Kind = StreamEventKind.Error;
                    result.ErrorJson = Encoding.UTF8.GetString(data);
                    return false;
                case Property.Object:
                    // vLLM and FastChat send an error as a bare object: {"object":"error","message":...}.
                    reader.Read();
                    errorObject |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                    break;

                // llama.cpp's native format (/infill, /completion): top-level content, stop (true on the last event), stop_type.
                case Property.Content:
                    reader.Read();
                    saidMore = true;
                    result.Content = ReadText(ref reader, "content", data);
                    break;
                case Property.Stop:
                    reader.Read();
                    saidMore = true;
                    stopped = reader.TokenType == JsonTokenType.True;
                    break;
                case Property.StopType:
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
            result = default;
            result.Kind = StreamEventKind.Error;
            result.ErrorJson = Encoding.UTF8.GetString(data);
            return false;
        }

        if (stopped)
        {
            result.FinishReason = stopType ?? FinishReason.Stop;
        }

        if (saidMore || arrayStart <= 0 || !_rememberRepeats)
        {
            return false;
        }

        _envelope.RememberChoices(data[..arrayStart], data[arrayEnd..]);
        return true;
    }

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
            switch (Classify(ref reader))
            {
                case Property.Delta or Property.Message:
                    reader.Read();
                    ReadDelta(ref reader, ref result, data);
                    break;
                case Property.Text:
                    reader.Read();
                    result.Content = ReadText(ref reader, "choices[0].text", data);
                    break;
                case Property.FinishReason:
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        result.FinishReason = FinishReason.FromUtf8(reader.ValueSpan);
                    }

                    break;
                case Property.Index:
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
            switch (Classify(ref reader))
            {
                case Property.Content:
                    reader.Read();
                    result.Content = ReadText(ref reader, "choices[0].delta.content", data);
                    break;
                case Property.ReasoningContent or Property.Reasoning:
                    reader.Read();
                    result.Reasoning = ReadText(ref reader, "choices[0].delta.reasoning_content", data);
                    break;
                case Property.ToolCalls:
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

    private static bool IsSpace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Names the property the reader is on, by length then bytes: one comparison for most names instead of a chain.</summary>
    private static Property Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ClassifyEscaped(ref reader);
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => Property.Id,
            4 when name.SequenceEqual("text"u8) => Property.Text,
            4 when name.SequenceEqual("stop"u8) => Property.Stop,
            5 when name.SequenceEqual("model"u8) => Property.Model,
            5 when name.SequenceEqual("delta"u8) => Property.Delta,
            5 when name.SequenceEqual("usage"u8) => Property.Usage,
            5 when name.SequenceEqual("error"u8) => Property.Error,
            5 when name.SequenceEqual("index"u8) => Property.Index,
            6 when name.SequenceEqual("object"u8) => Property.Object,
            7 when name.SequenceEqual("choices"u8) => Property.Choices,
            7 when name.SequenceEqual("created"u8) => Property.Created,
            7 when name.SequenceEqual("content"u8) => Property.Content,
            7 when name.SequenceEqual("timings"u8) => Property.Timings,
            7 when name.SequenceEqual("message"u8) => Property.Message,
            9 when name.SequenceEqual("reasoning"u8) => Property.Reasoning,
            9 when name.SequenceEqual("stop_type"u8) => Property.StopType,
            10 when name.SequenceEqual("tool_calls"u8) => Property.ToolCalls,
            13 when name.SequenceEqual("finish_reason"u8) => Property.FinishReason,
            17 when name.SequenceEqual("reasoning_content"u8) => Property.ReasoningContent,
            _ => Property.Other,
        };
    }

    private static Property ClassifyEscaped(ref Utf8JsonReader reader)
    {
        foreach (var (name, property) in EscapableNames)
        {
            if (reader.ValueTextEquals(name))
            {
                return property;
            }
        }

        return Property.Other;
    }

    private string? ReadText(ref Utf8JsonReader reader, string path, ReadOnlySpan<byte> data)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                _textValues++;
                _textStart = _textBase + (int)reader.TokenStartIndex;
                _textEnd = _textBase + (int)reader.BytesConsumed;
                return reader.ValueSpan.IsEmpty ? string.Empty : ReadString(ref reader);
            case JsonTokenType.Null:
                return null;
            default:
                throw Invalid($"{path} is a JSON {reader.TokenType}, expected a string", data);
        }
    }

    /// <summary>Reads a text value, through the per-stream cache of short tokens (same text as <see cref="Utf8JsonReader.GetString"/>).</summary>
    private string? ReadString(ref Utf8JsonReader reader) => _tokens.Read(ref reader);

    private OpenCodeInvalidResponseException Invalid(string problem, ReadOnlySpan<byte> data, Exception? inner = null)
    {
        var sample = Encoding.UTF8.GetString(data.Length > 200 ? data[..200] : data);
        return new OpenCodeInvalidResponseException($"Stream event {_eventIndex} could not be read: {problem}.", sample, inner);
    }

    /// <summary>The property names the stream parser acts on.</summary>
    private enum Property : byte
    {
        Other,
        Choices,
        Model,
        Usage,
        Timings,
        Error,
        Delta,
        Message,
        Text,
        FinishReason,
        Content,
        ReasoningContent,
        Reasoning,
        ToolCalls,
        Index,
        Stop,
        StopType,
        Object,
        Id,
        Created,
    }
}
