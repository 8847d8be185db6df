namespace OpenCode.Completion;

/// <summary>A completion, or (while streaming) the best one so far: the text to insert and the range it replaces.</summary>
public sealed record CodeCompletion
{
    /// <summary>Gets the text to put in place of <see cref="Range"/>; empty when there is nothing worth offering.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the range of the document the text replaces.</summary>
    public required CompletionRange Range { get; init; }

    /// <summary>Gets a value indicating whether this is the final completion of the request.</summary>
    public bool IsFinal { get; init; }

    /// <summary>Gets why it ended; <see cref="CompletionStop.None"/> on streamed snapshots.</summary>
    public CompletionStop Stop { get; init; }

    /// <summary>Gets the stop rule that ended it, when <see cref="Stop"/> is <see cref="CompletionStop.StopRule"/> (for example <c>single-line</c>, <c>suffix-repeat</c>).</summary>
    public string? StopRule { get; init; }

    /// <summary>Gets where it came from.</summary>
    public CodeCompletionSource Source { get; init; }

    /// <summary>Gets the prompt sent, when this request (or the generation it joined) sent one.</summary>
    public CompletionPromptInfo? Prompt { get; init; }

    /// <summary>Gets the server's token usage (with the prompt tokens it served from its cache), on the final completion of a generation.</summary>
    public TokenUsage? Usage { get; init; }
}
