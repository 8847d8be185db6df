namespace OpenCode.Completion;

/// <summary>Cuts a multi-line completion at the first line indented less than the cursor's block: from there on it writes code outside the block.</summary>
internal sealed class TrimToCursorIndentationFilter : ICompletionFilter
{
    public string Name => "trim-to-cursor-indentation";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (!TextLines.IsBlank(lines[i]) && TextLines.IndentWidth(lines[i]) < context.BlockIndent)
            {
                return [.. lines.Take(i)];
            }
        }

        return lines;
    }
}
