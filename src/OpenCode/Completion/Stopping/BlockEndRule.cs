namespace OpenCode.Completion;

/// <summary>
/// Stops where the completion leaves the cursor's block, in multi-line mode: a bracket closes one opened before the cursor, or (in
/// indentation languages) a line is indented less than the block.
/// </summary>
internal sealed class BlockEndRule : ILineStopRule
{
    private int _depth;

    public string Name => "block-end";

    public int? Check(CompletionContext context, CompletionLine line)
    {
        if (line.Index >= 1 && context.Language.IndentationBlocks && !TextLines.IsBlank(line.Text) && line.IndentIn(context) < context.BlockIndent)
        {
            return 0;
        }

        char quote = '\0';
        for (var i = 0; i < line.Text.Length; i++)
        {
            var c = line.Text[i];
            if (quote != '\0')
            {
                quote = c == '\\' ? Skip(ref i, quote) : c == quote ? '\0' : quote;
                continue;
            }

            if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                _depth++;
            }
            else if (c is ')' or ']' or '}' && --_depth < 0)
            {
                // A line that only closes the block is dropped whole; code before the closer on the same line is kept.
                return TextLines.IsBlank(line.Text.AsSpan(0, i)) ? 0 : i;
            }
        }

        return null;
    }

    private static char Skip(ref int index, char quote)
    {
        index++;
        return quote;
    }
}
