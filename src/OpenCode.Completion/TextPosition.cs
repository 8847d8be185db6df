namespace OpenCode.Completion;

/// <summary>A zero-based line and character (UTF-16 code unit) in a text, as editors and the Language Server Protocol count them.</summary>
/// <param name="Line">The zero-based line.</param>
/// <param name="Character">The zero-based character within the line.</param>
public readonly record struct TextPosition(int Line, int Character)
{
    /// <summary>Finds the offset of this position in <paramref name="text"/>; lines end at <c>\n</c> (a <c>\r</c> before it belongs to the line).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The offset.</returns>
    /// <exception cref="OpenCodeException">INVALID_REQUEST when the text has no such line, or the line is shorter than <see cref="Character"/>.</exception>
    public int ToOffset(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Line < 0 || Character < 0)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"Position {Line}:{Character}: line and character must not be negative.");
        }

        var start = 0;
        for (var line = 0; line < Line; line++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"Position {Line}:{Character}: the text has only {line + 1} lines.");
            }

            start = end + 1;
        }

        var lineEnd = text.IndexOf('\n', start);
        var length = (lineEnd < 0 ? text.Length : lineEnd) - start;
        if (Character > length)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, $"Position {Line}:{Character}: line {Line} has only {length} characters.");
        }

        return start + Character;
    }

    /// <summary>Finds the position of an offset in <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="offset">The offset, from 0 to the text's length.</param>
    /// <returns>The position.</returns>
    public static TextPosition FromOffset(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, text.Length);
        var span = text.AsSpan(0, offset);
        var line = span.Count('\n');
        var lineStart = span.LastIndexOf('\n') + 1;
        return new TextPosition(line, offset - lineStart);
    }
}
