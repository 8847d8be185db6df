namespace OpenCode.Completion;

/// <summary>Drops the last lines of a completion when they repeat the lines right after the cursor (a closing brace the document already has).</summary>
internal sealed class DropSuffixDuplicateFilter : ICompletionFilter
{
    public string Name => "drop-suffix-duplicate";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        var suffix = context.SuffixLines;
        for (var count = Math.Min(lines.Count - 1, suffix.Count); count > 0; count--)
        {
            var matches = true;
            for (var i = 0; i < count && matches; i++)
            {
                matches = TextLines.SameLine(lines[lines.Count - count + i], suffix[i]);
            }

            if (matches)
            {
                return [.. lines.Take(lines.Count - count)];
            }
        }

        return lines;
    }
}
