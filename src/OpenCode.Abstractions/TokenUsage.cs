namespace OpenCode;

/// <summary>The tokens one request used.</summary>
/// <param name="PromptTokens">Tokens in the prompt.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
/// <param name="Source">Where the numbers came from.</param>
public sealed record TokenUsage(int PromptTokens, int CompletionTokens, UsageSource Source)
{
    /// <summary>Gets the sum of prompt and completion tokens.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>Gets the number of prompt tokens served from the server's cache, when it said.</summary>
    public int? CachedPromptTokens { get; init; }

    /// <summary>Gets what the request cost, from the model's price (server metadata or the <c>pricing</c> setting); <see langword="null"/> when it has none.</summary>
    public decimal? Cost { get; init; }
}
