namespace OpenCode.Completion;

/// <summary>The document around the cursor, as stop rules and filters see it; built once per request.</summary>
internal sealed class CompletionContext
{
    private const int SuffixLinesKept = 8;
    private int? _missingClosers;

    private CompletionContext(string documentPath, LanguageInfo language, string prefix, string suffix, CompletionLineMode mode, IReadOnlyList<string> stopTokens)
    {
        DocumentPath = documentPath;
        Language = language;
        Prefix = prefix;
        Suffix = suffix;
        var lineStart = prefix.LastIndexOf('\n') + 1;
        LinePrefix = prefix[lineStart..];
        var lineEnd = suffix.IndexOf('\n');
        LineSuffix = (lineEnd < 0 ? suffix : suffix[..lineEnd]).TrimEnd('\r');
        LineAbove = PreviousNonBlankLine(prefix, lineStart);
        SuffixLines = lineEnd < 0 ? [] : [.. TextLines.Split(suffix[(lineEnd + 1)..]).Where(l => !TextLines.IsBlank(l)).Take(SuffixLinesKept)];
        var cursorIndent = TextLines.IndentWidth(LinePrefix);
        var opensBlock = language.IndentationBlocks && LinePrefix.TrimEnd().EndsWith(':');
        BlockIndent = opensBlock ? cursorIndent + 1 : cursorIndent;
        IndentUnit = DetectIndentUnit(prefix);
        Mode = mode == CompletionLineMode.Auto ? DecideMode() : mode;
        StopTokens = stopTokens;
    }

    public string DocumentPath { get; }

    public LanguageInfo Language { get; }

    /// <summary>Gets the whole text before the cursor.</summary>
    public string Prefix { get; }

    /// <summary>Gets the whole text after the cursor.</summary>
    public string Suffix { get; }

    /// <summary>Gets the cursor's line up to the cursor.</summary>
    public string LinePrefix { get; }

    /// <summary>Gets the cursor's line after the cursor.</summary>
    public string LineSuffix { get; }

    /// <summary>Gets the nearest non-blank line above the cursor's line, or empty.</summary>
    public string LineAbove { get; }

    /// <summary>Gets the first non-blank lines after the cursor's line.</summary>
    public IReadOnlyList<string> SuffixLines { get; }

    /// <summary>Gets the least indentation (in columns) a completion line after the first may have and stay in the cursor's block.</summary>
    public int BlockIndent { get; }

    /// <summary>Gets how many brackets opened before the cursor the text after it leaves open: a completion may close that many.</summary>
    public int MissingClosers => _missingClosers ??= BracketScanner.MissingClosers(Prefix, Suffix);

    /// <summary>Gets the document's indentation unit: a tab, or its number of spaces; empty when no line is indented.</summary>
    public string IndentUnit { get; }

    /// <summary>Gets the line mode after <see cref="CompletionLineMode.Auto"/> is decided.</summary>
    public CompletionLineMode Mode { get; }

    /// <summary>Gets the text that ends a generation whatever the model: the family's stop tokens.</summary>
    public IReadOnlyList<string> StopTokens { get; }

    /// <summary>Gets a value indicating whether the cursor's line holds only whitespace before the cursor.</summary>
    public bool AtLineStart => TextLines.IsBlank(LinePrefix);

    public static CompletionContext Create(CodeCompletionRequest request, CompletionLineMode mode, IReadOnlyList<string> stopTokens) => new(
        request.DocumentPath,
        LanguageInfo.Resolve(request.Language, request.DocumentPath),
        request.Text[..request.Cursor],
        request.Text[request.Cursor..],
        mode,
        stopTokens);

    /// <summary>One line in the middle of a line; several on an empty line or after a block opener; else the rest of the line.</summary>
    private CompletionLineMode DecideMode()
    {
        if (!TextLines.IsBlank(LineSuffix))
        {
            return CompletionLineMode.SingleLine;
        }

        var line = LinePrefix.TrimEnd();
        return line.Length == 0 || line.EndsWith('{') || line.EndsWith(':') || line.EndsWith("=>", StringComparison.Ordinal)
            ? CompletionLineMode.MultiLine
            : CompletionLineMode.SingleLine;
    }

    private static string PreviousNonBlankLine(string prefix, int lineStart)
    {
        var end = lineStart - 1;
        while (end > 0)
        {
            var start = prefix.LastIndexOf('\n', end - 1) + 1;
            var line = prefix.AsSpan(start, end - start).TrimEnd('\r');
            if (!TextLines.IsBlank(line))
            {
                return line.ToString();
            }

            end = start - 1;
        }

        return string.Empty;
    }

    /// <summary>A tab when most indented lines start with one, else the smallest space indentation; empty when no line is indented.</summary>
    private static string DetectIndentUnit(string prefix)
    {
        int tabs = 0, spaces = 0, smallest = int.MaxValue;
        foreach (var line in prefix.AsSpan().EnumerateLines())
        {
            var indent = TextLines.Indentation(line);
            if (indent.IsEmpty)
            {
                continue;
            }

            if (indent[0] == '\t')
            {
                tabs++;
            }
            else
            {
                spaces++;
                smallest = Math.Min(smallest, indent.Length);
            }
        }

        return tabs > spaces ? "\t" : spaces == 0 ? string.Empty : new string(' ', Math.Min(smallest, 8));
    }
}
