namespace OpenCode.Completion;

/// <summary>
/// Stops where the completion leaves the cursor's block, in multi-line mode: a bracket closes one opened before the cursor that the
/// text after the cursor already closes, or (in indentation languages) a line is indented less than the block.
/// </summary>
internal sealed class BlockEndRule : ILineStopRule
{
    private BracketScanner _scanner;

    public string Name => "block-end";

    public int? Check(CompletionContext context, CompletionLine line)
    {
        if (line.Index >= 1 && context.Language.IndentationBlocks && !TextLines.IsBlank(line.Text) && line.IndentIn(context) < context.BlockIndent)
        {
            return 0;
        }

        if (_scanner.FeedLine(line.Text, -context.MissingClosers) is not { } closer)
        {
            return null;
        }

        // A line that only closes the block is dropped whole; code before the closer on the same line is kept.
        return TextLines.IsBlank(line.Text.AsSpan(0, closer)) ? 0 : closer;
    }
}
