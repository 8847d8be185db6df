namespace OpenCode.Completion;

/// <summary>
/// Cuts a multi-line completion at the first line indented less than the cursor's block: from there on it writes code outside the
/// block. In bracket languages a line that only closes brackets may stand lower (the block-end stop rule has already checked that the
/// document leaves that bracket open).
/// </summary>
internal sealed class TrimToCursorIndentationFilter : ICompletionFilter
{
    public string Name => "trim-to-cursor-indentation";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (!TextLines.IsBlank(lines[i]) && TextLines.IndentWidth(lines[i]) < context.BlockIndent
                && (context.Language.IndentationBlocks || !OnlyClosers(lines[i])))
            {
                return [.. lines.Take(i)];
            }
        }

        return lines;
    }

    private static bool OnlyClosers(string line) => line.AsSpan().Trim().TrimEnd(';').Trim(")]}").IsEmpty;
}
