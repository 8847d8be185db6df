namespace OpenCode.Completion;

/// <summary>
/// Picks the context snippets worth sending: not the document itself, not empty, and not a near-duplicate (by the Jaccard similarity
/// of their identifier sets) of a snippet already picked or of the code around the cursor.
/// </summary>
internal static class SnippetSelector
{
    /// <summary>Snippets at least this similar to one already picked are near-duplicates.</summary>
    public const double NearDuplicateSimilarity = 0.8;

    public static List<CodeSnippet> Select(IReadOnlyList<CodeSnippet> snippets, string documentPath, string window)
    {
        var picked = new List<CodeSnippet>();
        var seen = new List<HashSet<string>> { Words(window) };
        foreach (var snippet in snippets)
        {
            if (string.IsNullOrWhiteSpace(snippet.Text) || string.Equals(snippet.Path, documentPath, StringComparison.Ordinal))
            {
                continue;
            }

            var words = Words(snippet.Text);
            if (seen.Any(s => Similarity(s, words) >= NearDuplicateSimilarity))
            {
                continue;
            }

            seen.Add(words);
            picked.Add(snippet);
        }

        return picked;
    }

    internal static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    internal static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
