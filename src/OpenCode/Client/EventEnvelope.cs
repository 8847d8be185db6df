using System.Buffers;

namespace OpenCode.Client;

/// <summary>
/// What the last plain events of a stream repeated around their news, so the next events need only their news read:
/// the bytes around the <c>choices</c> array of the last event that said nothing outside it, and the bytes around the one
/// text value of the last event that said nothing but that text.
/// </summary>
/// <remarks>
/// Servers repeat the same envelope on every chunk (llama-server: <c>created</c>, <c>id</c>, <c>model</c>,
/// <c>system_fingerprint</c>, <c>object</c> after the array; vLLM and Ollama the same before it), and the same choice around
/// each token's text. The same bytes at the same place read as the same tokens, so remembered bytes were already checked to
/// be valid JSON and their values already recorded; an event that differs anywhere outside the news is read whole, and a new model
/// name forgets everything (the remembered bytes may name the one it replaced).
/// </remarks>
/// <param name="remember">Whether to remember anything; off, nothing ever matches and every event is read whole.</param>
internal sealed class EventEnvelope(bool remember)
{
    /// <summary>The bytes a text value may hold and still be taken as it is: printable ASCII without a quote or backslash.</summary>
    private static readonly SearchValues<byte> PlainText = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b is not '"' and not '\\').Select(b => (byte)b)]);

    private Part _beforeChoices;
    private Part _afterChoices;
    private Part _beforeText;
    private Part _afterText;

    /// <summary>Gets whether the remembered text is reasoning rather than answer text.</summary>
    public bool TextIsReasoning { get; private set; }

    /// <summary>Gets the length of the remembered bytes before the array when <paramref name="data"/> starts with them and its array follows; else 0.</summary>
    public int MatchChoicesStart(ReadOnlySpan<byte> data)
    {
        var length = _beforeChoices.Length;
        return length > 0 && data.Length > length && data[length] == (byte)'[' && _beforeChoices.IsStartOf(data) ? length : 0;
    }

    /// <summary>Gets whether the bytes after an event's array are the remembered ones.</summary>
    public bool MatchesAfterChoices(ReadOnlySpan<byte> rest) => rest.SequenceEqual(_afterChoices.Span);

    /// <summary>Remembers the envelope of an event that said nothing outside its array.</summary>
    public void RememberChoices(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        if (!remember)
        {
            return;
        }

        _beforeChoices.Set(before);
        _afterChoices.Set(after);
    }

    /// <summary>
    /// Finds the text value of an event that repeats the remembered bytes around it: the value as written, quotes included.
    /// <paramref name="plain"/> says the value is plain text to take as it is; otherwise it must be read as JSON.
    /// </summary>
    public bool MatchText(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> value, out bool plain)
    {
        value = default;
        plain = false;
        var before = _beforeText.Length;
        var after = _afterText.Length;
        if (before == 0 || data.Length < before + after + 2 || !_beforeText.IsStartOf(data) || !data[^after..].SequenceEqual(_afterText.Span))
        {
            return false;
        }

        value = data[before..^after];
        if (value[0] != (byte)'"' || value[^1] != (byte)'"')
        {
            return false;
        }

        plain = value.Length == 2 || !value[1..^1].ContainsAnyExcept(PlainText);
        return true;
    }

    /// <summary>Forgets everything remembered: what the remembered bytes say no longer matches what the stream's state says.</summary>
    public void Forget()
    {
        _beforeChoices.Clear();
        _afterChoices.Clear();
        _beforeText.Clear();
        _afterText.Clear();
    }

    /// <summary>Remembers the bytes around the one text value of an event that said nothing else.</summary>
    public void RememberText(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, bool reasoning)
    {
        if (!remember)
        {
            return;
        }

        _beforeText.Set(before);
        _afterText.Set(after);
        TextIsReasoning = reasoning;
    }

    /// <summary>Remembered bytes in a buffer reused from event to event.</summary>
    private struct Part
    {
        private byte[] _bytes;

        public int Length { get; private set; }

        public readonly ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

        public readonly bool IsStartOf(ReadOnlySpan<byte> data) => data.StartsWith(Span);

        public void Clear() => Length = 0;

        public void Set(ReadOnlySpan<byte> source)
        {
            if (_bytes is null || _bytes.Length < source.Length)
            {
                _bytes = new byte[Math.Max(source.Length, 2 * (_bytes?.Length ?? 0))];
            }

            source.CopyTo(_bytes);
            Length = source.Length;
        }
    }
}
