namespace OpenCode.Completion;

/// <summary>
/// Counts bracket depth through code line by line, skipping brackets inside quotes (a quote left open ends with its line, so an
/// apostrophe in a comment cannot hide the rest of the file).
/// </summary>
internal struct BracketScanner
{
    /// <summary>Gets the depth so far: openers minus closers.</summary>
    public int Depth { get; private set; }

    /// <summary>Gets the lowest depth reached so far.</summary>
    public int MinDepth { get; private set; }

    /// <summary>The brackets opened before the cursor that the text after it does not close: how many a completion may close.</summary>
    public static int MissingClosers(string prefix, string suffix)
    {
        var before = default(BracketScanner);
        before.FeedText(prefix);
        var after = default(BracketScanner);
        after.FeedText(suffix);
        return Math.Max(0, Math.Max(before.Depth, 0) + after.MinDepth);
    }

    /// <summary>Feeds one line; returns the index at which the depth first fell below <paramref name="floor"/>, or <see langword="null"/>.</summary>
    public int? FeedLine(ReadOnlySpan<char> line, int floor = int.MinValue)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                Depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                Depth--;
                MinDepth = Math.Min(MinDepth, Depth);
                if (Depth < floor)
                {
                    return i;
                }
            }
        }

        return null;
    }

    private void FeedText(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            FeedLine(line);
        }
    }
}
