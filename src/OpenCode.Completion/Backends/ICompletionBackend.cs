namespace OpenCode.Completion;

/// <summary>What the completion service needs from a provider: what the model is, a fill-in-the-middle stream and a tokenizer.</summary>
internal interface ICompletionBackend
{
    /// <summary>Describes the model requests go to.</summary>
    Task<CompletionTarget> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Streams a fill-in-the-middle completion.</summary>
    IAsyncEnumerable<MessageChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken);

    /// <summary>Splits a text into the pieces of its tokens; <see langword="null"/> when there is no tokenizer to ask.</summary>
    Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken);
}
