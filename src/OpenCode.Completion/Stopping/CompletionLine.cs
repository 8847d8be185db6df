namespace OpenCode.Completion;

/// <summary>One line of a completion being checked by the stop rules.</summary>
/// <param name="Text">The line, without its line break.</param>
/// <param name="Index">Its index in the completion; line 0 continues the cursor's line.</param>
/// <param name="Previous">The line before it in the completion, or <see langword="null"/> for line 0.</param>
/// <param name="Complete">Whether its line break has arrived (else it is the last line of a finished generation).</param>
internal readonly record struct CompletionLine(string Text, int Index, string? Previous, bool Complete)
{
    /// <summary>Gets the indentation width of the line as it will stand in the document (line 0 continues the cursor's line).</summary>
    public int IndentIn(CompletionContext context) => TextLines.IndentWidth(InDocument(context));

    /// <summary>The line as it will stand in the document: line 0 after the cursor's line prefix.</summary>
    public string InDocument(CompletionContext context) => Index == 0 ? context.LinePrefix + Text : Text;
}
