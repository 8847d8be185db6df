namespace OpenCode.Client;

/// <summary>Moves a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block out of the content into reasoning, across chunk boundaries.</summary>
/// <remarks>Used only once a stream's first text starts with <c>&lt;</c>; every other stream pays one branch per chunk.</remarks>
internal sealed class ThinkTagSplitter
{
    private const string OpenTag = "<think>";
    private const string CloseTag = "</think>";
    private string _pending = string.Empty;
    private State _state = State.Undecided;

    private enum State
    {
        Undecided,
        Thinking,
        Content,
    }

    /// <summary>Splits one piece of text.</summary>
    /// <param name="text">The text that arrived.</param>
    /// <param name="reasoning">The part of it that is reasoning, or <see langword="null"/>.</param>
    /// <returns>The part that is content (possibly empty).</returns>
    public string Split(string text, out string? reasoning)
    {
        reasoning = null;
        switch (_state)
        {
            case State.Content:
                return text;
            case State.Undecided:
                var buffered = _pending + text;
                var trimmed = buffered.TrimStart();
                if (trimmed.StartsWith(OpenTag, StringComparison.Ordinal))
                {
                    _state = State.Thinking;
                    _pending = string.Empty;
                    return SplitThinking(trimmed[OpenTag.Length..], out reasoning);
                }

                if (trimmed.Length == 0 || OpenTag.StartsWith(trimmed, StringComparison.Ordinal))
                {
                    _pending = buffered;
                    return string.Empty;
                }

                _state = State.Content;
                _pending = string.Empty;
                return buffered;
            default:
                return SplitThinking(_pending + text, out reasoning);
        }
    }

    /// <summary>Returns text held back while deciding; call when the stream ends.</summary>
    /// <param name="reasoning">Reasoning held back, or <see langword="null"/>.</param>
    /// <returns>Content held back.</returns>
    public string Flush(out string? reasoning)
    {
        var pending = _pending;
        _pending = string.Empty;
        reasoning = _state == State.Thinking && pending.Length > 0 ? pending : null;
        return _state == State.Thinking ? string.Empty : pending;
    }

    /// <summary>Splits a whole (non-streamed) text in one go.</summary>
    public static string SplitAll(string text, out string? reasoning)
    {
        var splitter = new ThinkTagSplitter();
        var content = splitter.Split(text, out reasoning);
        var rest = splitter.Flush(out var restReasoning);
        reasoning = reasoning is null ? restReasoning : reasoning + restReasoning;
        return content + rest;
    }

    private string SplitThinking(string text, out string? reasoning)
    {
        var end = text.IndexOf(CloseTag, StringComparison.Ordinal);
        if (end >= 0)
        {
            _state = State.Content;
            _pending = string.Empty;
            reasoning = end > 0 ? text[..end] : null;
            return text[(end + CloseTag.Length)..].TrimStart('\n');
        }

        // Hold back a tail that could be the start of the closing tag.
        var hold = 0;
        for (var length = Math.Min(CloseTag.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(CloseTag.AsSpan(0, length)))
            {
                hold = length;
                break;
            }
        }

        _pending = text[^hold..];
        reasoning = text.Length - hold > 0 ? text[..^hold] : null;
        return string.Empty;
    }
}
