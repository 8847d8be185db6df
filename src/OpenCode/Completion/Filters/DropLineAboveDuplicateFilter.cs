namespace OpenCode.Completion;

/// <summary>Drops lines at the start of a completion on an empty line that repeat the line above the cursor.</summary>
internal sealed class DropLineAboveDuplicateFilter : ICompletionFilter
{
    public string Name => "drop-line-above-duplicate";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        if (!context.AtLineStart)
        {
            return lines;
        }

        var skip = 0;
        while (skip < lines.Count && TextLines.SameCode(lines[skip], context.LineAbove))
        {
            skip++;
        }

        return skip == 0 ? lines : [.. lines.Skip(skip)];
    }
}
