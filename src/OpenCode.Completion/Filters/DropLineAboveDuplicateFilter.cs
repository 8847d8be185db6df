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
        while (skip < lines.Count && TextLines.SameLine(skip == 0 ? context.LinePrefix + lines[0] : lines[skip], context.LineAbove))
        {
            skip++;
        }

        if (skip == 0 || skip == lines.Count)
        {
            return skip == 0 ? lines : [];
        }

        // The new first line follows the cursor, which already stands after the line's indentation.
        var rest = lines.Skip(skip).ToArray();
        rest[0] = rest[0].StartsWith(context.LinePrefix, StringComparison.Ordinal) ? rest[0][context.LinePrefix.Length..] : rest[0].TrimStart();
        return rest;
    }
}
