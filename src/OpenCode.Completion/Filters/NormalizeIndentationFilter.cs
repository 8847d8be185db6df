namespace OpenCode.Completion;

/// <summary>
/// Writes the completion's indentation in the document's style (tabs or its number of spaces), and removes indentation the model
/// repeated at the start when the cursor already stands after it.
/// </summary>
internal sealed class NormalizeIndentationFilter : ICompletionFilter
{
    public string Name => "normalize-indentation";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        var result = lines.ToArray();
        if (context.LinePrefix.Length > 0 && context.AtLineStart && result[0].StartsWith(context.LinePrefix, StringComparison.Ordinal)
            && TextLines.IndentWidth(result[0]) > TextLines.IndentWidth(context.LineAbove))
        {
            result[0] = result[0][context.LinePrefix.Length..];
        }

        var modelUnit = ModelIndentUnit(result);
        for (var i = 1; i < result.Length; i++)
        {
            result[i] = Reindent(result[i], modelUnit, context.IndentUnit);
        }

        return result;
    }

    /// <summary>
    /// The model's own unit: a tab, or the greatest common divisor of the space indentations of its lines after the first, taken as 4
    /// or 2 when it is a multiple of those (one line indented 8 is two levels of 4 more often than one of 8).
    /// </summary>
    private static string ModelIndentUnit(string[] lines)
    {
        var unit = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var indent = TextLines.Indentation(lines[i]);
            if (!indent.IsEmpty && indent[0] == '\t')
            {
                return "\t";
            }

            if (!indent.IsEmpty && !TextLines.IsBlank(lines[i]))
            {
                unit = Gcd(unit, indent.Length);
            }
        }

        unit = unit % 4 == 0 ? Math.Min(unit, 4) : unit % 2 == 0 ? 2 : unit;
        return new string(' ', unit);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static string Reindent(string line, string from, string to)
    {
        if (from.Length == 0 || to.Length == 0 || from == to || (from != "\t" && to != "\t"))
        {
            // Spaces to spaces of another width would change nesting the model chose relative to the prefix; leave them.
            return line;
        }

        var indent = TextLines.Indentation(line);
        var levels = from == "\t" ? indent.Count('\t') : indent.Length / from.Length;
        var rest = from == "\t" ? 0 : indent.Length % from.Length;
        return string.Concat(Enumerable.Repeat(to, levels)) + new string(' ', rest) + line[indent.Length..];
    }
}
