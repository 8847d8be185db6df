namespace OpenCode.Completion;

/// <summary>One cleaning step applied to a completion's text after the stop rules.</summary>
internal interface ICompletionFilter
{
    /// <summary>Gets the filter's stable name.</summary>
    string Name { get; }

    /// <summary>Cleans the completion.</summary>
    /// <param name="context">The document around the cursor.</param>
    /// <param name="lines">The completion's lines; line 0 continues the cursor's line.</param>
    /// <returns>The cleaned lines (empty for no completion).</returns>
    IReadOnlyList<string> Apply(CompletionContext context, IReadOnlyList<string> lines);
}
