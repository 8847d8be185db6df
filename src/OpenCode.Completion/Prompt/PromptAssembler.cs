using System.Text;

namespace OpenCode.Completion;

/// <summary>
/// Builds the prompt within its token budgets: whole lines before the cursor (nearest first), whole lines after it, then the
/// context snippets in the order given, each cut at a line boundary, in the format the server and family take.
/// </summary>
internal sealed class PromptAssembler(TokenCounter counter)
{
    // A token rarely spans more characters than this (long runs of spaces); more candidate lines than this cannot fit a budget.
    private const int MaxCharactersPerToken = 16;

    public async Task<AssembledPrompt> AssembleAsync(
        CompletionContext context, IReadOnlyList<CodeSnippet> snippets, CompletionTarget target, PromptBudget budget, CancellationToken cancellationToken)
    {
        var before = LinesBefore(context.Prefix, budget.Prefix * MaxCharactersPerToken);
        var after = LinesAfter(context.Suffix, budget.Suffix * MaxCharactersPerToken);
        var (counts, exact) = await counter.CountAsync([.. before, .. after], cancellationToken).ConfigureAwait(false);
        var (prefixTaken, prefixTokens) = Take(counts.AsSpan(0, before.Count), budget.Prefix, keepFirst: true);
        var (suffixTaken, suffixTokens) = Take(counts.AsSpan(before.Count), budget.Suffix, keepFirst: false);
        var prefix = string.Concat(before.Take(prefixTaken).Reverse());
        var suffix = string.Concat(after.Take(suffixTaken));

        var chosen = SnippetSelector.Select(snippets, context.DocumentPath, prefix + suffix);
        var files = new List<InfillFile>();
        var contextTokens = 0;
        var header = target.Format == ContextFormat.PathComments ? context.Language.Comment("Path: " + context.DocumentPath) + "\n" : null;
        var reserved = header is null ? 0 : (await counter.CountAsync([header], cancellationToken).ConfigureAwait(false)).Counts[0];
        foreach (var snippet in chosen)
        {
            var (text, tokens, fitExact) = await FitAsync(context, snippet, target.Format, budget.Context - contextTokens - reserved, cancellationToken)
                .ConfigureAwait(false);
            exact &= fitExact;
            if (text is not null)
            {
                files.Add(new InfillFile(snippet.Path, text));
                contextTokens += tokens;
            }
        }

        var sent = files.Count;
        if (header is not null && files.Count > 0)
        {
            prefix = string.Concat(files.Select(f => f.Text)) + header + prefix;
            contextTokens += reserved;
            files.Clear();
        }

        var info = new CompletionPromptInfo
        {
            Prefix = prefix,
            Suffix = suffix,
            ExtraFiles = files,
            ContextFormat = target.FormatName,
            PrefixTokens = prefixTokens,
            SuffixTokens = suffixTokens,
            ContextTokens = contextTokens,
            Snippets = (sent, snippets.Count - sent),
            CountedByTokenizer = exact,
        };
        return new AssembledPrompt(prefix, suffix, files, info);
    }

    /// <summary>The snippet's first lines that fit <paramref name="budget"/>, with their header; <see langword="null"/> when not even one does.</summary>
    private async Task<(string? Text, int Tokens, bool Exact)> FitAsync(
        CompletionContext context, CodeSnippet snippet, ContextFormat format, int budget, CancellationToken cancellationToken)
    {
        if (budget <= 0)
        {
            return (null, 0, true);
        }

        var comments = format == ContextFormat.PathComments;
        var header = comments ? context.Language.Comment("Path: " + snippet.Path) + "\n" : snippet.Path + "\n";
        var lines = new List<string> { header };
        foreach (var line in TextLines.Split(snippet.Text.TrimEnd('\n', '\r')).TakeWhile((_, i) => i < budget))
        {
            lines.Add((comments ? context.Language.Comment(line) : line) + "\n");
        }

        var (counts, exact) = await counter.CountAsync(lines, cancellationToken).ConfigureAwait(false);
        var (taken, tokens) = Take(counts, budget, keepFirst: false);
        if (taken < 2)
        {
            return (null, 0, exact);
        }

        // For input_extra and the repository format the path travels as the file name; its line was counted to stand for it.
        var text = new StringBuilder();
        foreach (var line in lines.Skip(comments ? 0 : 1).Take(comments ? taken : taken - 1))
        {
            text.Append(line);
        }

        return (text.ToString(), tokens, exact);
    }

    /// <summary>Takes counts in order while they fit; the first is always taken when <paramref name="keepFirst"/> (the cursor's own line).</summary>
    private static (int Taken, int Tokens) Take(ReadOnlySpan<int> counts, int budget, bool keepFirst)
    {
        int taken = 0, tokens = 0;
        while (taken < counts.Length && (tokens + counts[taken] <= budget || (keepFirst && taken == 0)))
        {
            tokens += counts[taken++];
        }

        return (taken, tokens);
    }

    /// <summary>The cursor's line up to the cursor, then each earlier line with its line break, nearest first, up to about <paramref name="characters"/>.</summary>
    private static List<string> LinesBefore(string prefix, int characters)
    {
        var lines = new List<string>();
        var end = prefix.Length;
        var total = 0;
        while (true)
        {
            // An earlier line ends with its own line break: look for the one before it.
            var from = lines.Count == 0 ? end - 1 : end - 2;
            var start = from < 0 ? 0 : prefix.LastIndexOf('\n', from) + 1;
            lines.Add(prefix[start..end]);
            total += end - start;
            if (start == 0 || total > characters)
            {
                return lines;
            }

            end = start;
        }
    }

    /// <summary>The cursor's line after the cursor with its line break, then each later line, up to about <paramref name="characters"/>.</summary>
    private static List<string> LinesAfter(string suffix, int characters)
    {
        var lines = new List<string>();
        var start = 0;
        var total = 0;
        while (start < suffix.Length && total <= characters)
        {
            var end = suffix.IndexOf('\n', start);
            end = end < 0 ? suffix.Length : end + 1;
            lines.Add(suffix[start..end]);
            total += end - start;
            start = end;
        }

        return lines;
    }
}
