using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>Parses the data of each SSE event of one stream with <see cref="Utf8JsonReader"/>, straight from the parser's buffer.</summary>
/// <remarks>One instance per stream: it remembers the model name so the same string is reused for every chunk.</remarks>
internal sealed partial class StreamEventParser
{
    private int _eventIndex;
    private string? _identityId;
    private DateTimeOffset? _identityCreated;
    private byte[]? _modelUtf8;
    private readonly TokenStringCache _tokens = new();
    private readonly EventEnvelope _envelope;

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
    public StreamEventParser(bool rememberRepeats = true) => _envelope = new EventEnvelope(rememberRepeats);

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

            var plain = TryReadChoicesOnly(ref result, data);
            if (!plain)
            {
                result = default;
                plain = ReadChunk(ref result, data);
            }

            if (plain)
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
        (_textBase, _textValues) = (start, 0);
        reader.Read();
        ReadChoices(ref reader, ref result, data);
        return _envelope.MatchesAfterChoices(data[(start + (int)reader.BytesConsumed)..]);
    }

    private static bool IsSpace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

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
}
