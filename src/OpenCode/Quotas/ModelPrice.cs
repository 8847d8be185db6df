namespace OpenCode.Quotas;

/// <summary>What a model's tokens cost.</summary>
/// <param name="InputPer1M">The cost of one million prompt tokens.</param>
/// <param name="OutputPer1M">The cost of one million generated tokens.</param>
internal readonly record struct ModelPrice(decimal InputPer1M, decimal OutputPer1M)
{
    /// <summary>Returns what a request with these token counts costs.</summary>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="completionTokens">The generated tokens.</param>
    /// <returns>The cost.</returns>
    public decimal CostOf(long promptTokens, long completionTokens) =>
        ((promptTokens * InputPer1M) + (completionTokens * OutputPer1M)) / 1_000_000m;
}
