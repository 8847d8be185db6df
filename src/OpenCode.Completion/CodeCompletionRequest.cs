namespace OpenCode.Completion;

/// <summary>A request for a completion at the cursor of a document.</summary>
public sealed record CodeCompletionRequest
{
    /// <summary>Gets the document's path: names it to the model, keys the cache and the per-document cancellation, and gives the language when <see cref="Language"/> is not set.</summary>
    public required string DocumentPath { get; init; }

    /// <summary>Gets the language id (<c>python</c>, <c>csharp</c>, ... as editors name them); <see langword="null"/> infers it from the path's extension.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the document's whole text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the cursor as an offset into <see cref="Text"/> (see <see cref="TextPosition.ToOffset"/> for a line and character).</summary>
    public required int Cursor { get; init; }

    /// <summary>Gets code from elsewhere, most useful first: other open files, recent edits, definitions. Near-duplicates and what does not fit the budget are left out.</summary>
    public IReadOnlyList<CodeSnippet> Context { get; init; } = [];

    /// <summary>Gets the most tokens to generate; <see langword="null"/> uses <see cref="CodeCompletionOptions.MaxTokens"/>.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets how much code to offer.</summary>
    /// <value><see cref="CompletionLineMode.Auto"/> by default.</value>
    public CompletionLineMode LineMode { get; init; } = CompletionLineMode.Auto;

    /// <summary>Gets how long to wait for the completion; when it passes, what arrived so far is returned. <see langword="null"/> uses <see cref="CodeCompletionOptions.TimeLimit"/>.</summary>
    public TimeSpan? TimeLimit { get; init; }
}
