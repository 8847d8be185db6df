namespace OpenCode.Completion;

/// <summary>Removes whitespace at the end of each line and blank lines at the end of the completion.</summary>
internal sealed class TrimTrailingWhitespaceFilter : ICompletionFilter
{
    public string Name => "trim-trailing-whitespace";

    public IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines)
    {
        var trimmed = lines.Select(l => l.TrimEnd()).ToList();
        while (trimmed.Count > 1 && trimmed[^1].Length == 0)
        {
            trimmed.RemoveAt(trimmed.Count - 1);
        }

        return trimmed;
    }
}
