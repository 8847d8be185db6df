namespace OpenCode.Completion;

/// <summary>What a completion's prompt held, for diagnostics and budget checks: the parts sent and their size in the model's tokens.</summary>
public sealed record CompletionPromptInfo
{
    /// <summary>Gets the code before the cursor that was sent (with path comments, where the format uses them).</summary>
    public required string Prefix { get; init; }

    /// <summary>Gets the code after the cursor that was sent.</summary>
    public required string Suffix { get; init; }

    /// <summary>Gets the context files that were sent apart from the prefix (llama.cpp <c>input_extra</c>, a repository-level format).</summary>
    public IReadOnlyList<InfillFile> ExtraFiles { get; init; } = [];

    /// <summary>Gets how the context was given: <c>input_extra</c>, <c>repository</c> or <c>path-comments</c>.</summary>
    public required string ContextFormat { get; init; }

    /// <summary>Gets the tokens of the code before the cursor (without path comments of context snippets).</summary>
    public int PrefixTokens { get; init; }

    /// <summary>Gets the tokens of the code after the cursor.</summary>
    public int SuffixTokens { get; init; }

    /// <summary>Gets the tokens of the context snippets sent.</summary>
    public int ContextTokens { get; init; }

    /// <summary>Gets the number of snippets given and the number left out as near-duplicates or for lack of budget.</summary>
    public (int Sent, int Dropped) Snippets { get; init; }

    /// <summary>Gets a value indicating whether the counts come from the server's tokenizer; <see langword="false"/> when the length heuristic was used.</summary>
    public bool CountedByTokenizer { get; init; }
}
