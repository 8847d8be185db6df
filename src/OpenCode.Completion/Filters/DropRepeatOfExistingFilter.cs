namespace OpenCode.Completion;

/// <summary>Drops a completion that only repeats text already there: blank, what follows the cursor, or the line above.</summary>
internal sealed class DropRepeatOfExistingFilter : ICompletionFilter
{
    public string Name => "drop-repeat-of-existing";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        var text = string.Join('\n', lines).Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var after = context.Suffix.AsSpan().TrimStart();
        var repeatsSuffix = after.StartsWith(text, StringComparison.Ordinal);
        var repeatsLineAbove = lines.Count == 1 && context.AtLineStart && TextLines.SameCode(lines[0], context.LineAbove);
        return repeatsSuffix || repeatsLineAbove ? [] : lines;
    }
}
