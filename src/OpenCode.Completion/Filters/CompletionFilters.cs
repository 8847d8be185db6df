namespace OpenCode.Completion;

/// <summary>The filters every completion goes through, in order, and the range its text replaces.</summary>
internal static class CompletionFilters
{
    public static IReadOnlyList<ICompletionFilter> Default { get; } =
    [
        new TrimTrailingWhitespaceFilter(),
        new TrimToCursorIndentationFilter(),
        new DropLineAboveDuplicateFilter(),
        new DropSuffixDuplicateFilter(),
        new NormalizeIndentationFilter(),
        new DropRepeatOfExistingFilter(),
    ];

    /// <summary>Runs the filters over a completion's text.</summary>
    public static string Apply(CompletionContext context, string text)
    {
        IReadOnlyList<string> lines = TextLines.Split(text);
        foreach (var filter in Default)
        {
            if (lines.Count == 0)
            {
                break;
            }

            lines = filter.Apply(context, lines);
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// The range a completion replaces: the rest of the cursor's line when a one-line completion ends by retyping it (an editor's
    /// auto-inserted closing bracket), else nothing past the cursor.
    /// </summary>
    public static CompletionRange RangeOf(CompletionContext context, string text, int cursor)
    {
        var rest = context.LineSuffix.TrimEnd();
        var retypesRest = rest.Length > 0 && !text.Contains('\n', StringComparison.Ordinal) && text.Length > rest.Length
            && text.EndsWith(rest, StringComparison.Ordinal);
        return new CompletionRange(cursor, retypesRest ? cursor + rest.Length : cursor);
    }
}
