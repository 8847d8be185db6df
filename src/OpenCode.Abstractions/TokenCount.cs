namespace OpenCode;

/// <summary>How many tokens a text is.</summary>
/// <param name="Count">The number of tokens.</param>
/// <param name="IsExact">
/// <see langword="true"/> when the model's own tokenizer counted them; <see langword="false"/> for the estimate used where it cannot
/// (one token per three characters, rounded up — code tokenizes at three to four characters per token in code models' vocabularies).
/// </param>
public readonly record struct TokenCount(int Count, bool IsExact);
