namespace OpenCode.Completion;

/// <summary>Line helpers shared by prompt assembly, stop rules and filters.</summary>
internal static class TextLines
{
    /// <summary>The leading spaces and tabs of a line.</summary>
    public static ReadOnlySpan<char> Indentation(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return line[..i];
    }

    /// <summary>The width of a line's indentation, a tab counting as four columns.</summary>
    public static int IndentWidth(ReadOnlySpan<char> line)
    {
        var width = 0;
        foreach (var c in Indentation(line))
        {
            width += c == '\t' ? 4 : 1;
        }

        return width;
    }

    public static bool IsBlank(ReadOnlySpan<char> line) => line.Trim().IsEmpty;

    /// <summary>Splits on <c>\n</c>, dropping a trailing <c>\r</c> from each line.</summary>
    public static string[] Split(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        return lines;
    }

    /// <summary>Two lines are the same line when they are equal with their indentation (trailing whitespace aside) and not blank.</summary>
    public static bool SameLine(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var x = a.TrimEnd();
        return !x.IsEmpty && !IsBlank(x) && x.SequenceEqual(b.TrimEnd());
    }

    /// <summary>Two lines are the same code when they are equal without surrounding whitespace and not blank.</summary>
    public static bool SameCode(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var x = a.Trim();
        return !x.IsEmpty && x.SequenceEqual(b.Trim());
    }
}
