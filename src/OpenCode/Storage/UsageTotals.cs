namespace OpenCode.Storage;

/// <summary>Ledger records added up.</summary>
/// <param name="Requests">The number of requests.</param>
/// <param name="Errors">How many of them failed.</param>
/// <param name="PromptTokens">The prompt tokens.</param>
/// <param name="CompletionTokens">The generated tokens.</param>
/// <param name="Cost">The summed cost of the priced requests.</param>
public sealed record UsageTotals(long Requests, long Errors, long PromptTokens, long CompletionTokens, decimal Cost)
{
    /// <summary>Gets totals of nothing.</summary>
    public static UsageTotals Empty { get; } = new(0, 0, 0, 0, 0m);

    /// <summary>Gets the prompt and generated tokens together.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;
}
