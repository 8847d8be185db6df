namespace OpenCode.Completion;

/// <summary>A rule that looks at each line of a completion as it is generated and may end the completion there.</summary>
internal interface ILineStopRule
{
    /// <summary>Gets the rule's stable name, reported in <see cref="CodeCompletion.StopRule"/>.</summary>
    string Name { get; }

    /// <summary>Decides whether the completion ends at <paramref name="line"/>.</summary>
    /// <param name="context">The document around the cursor.</param>
    /// <param name="line">The line, its place in the completion and the lines before it.</param>
    /// <returns>Where the completion ends, relative to the line's start (0 drops the whole line), or <see langword="null"/> to go on.</returns>
    int? Check(CompletionContext context, CompletionLine line);
}
