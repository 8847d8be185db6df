namespace OpenCode.Completion;

/// <summary>The tokens each part of a prompt may take: the configured budgets, scaled down together when the server's window is smaller.</summary>
internal readonly record struct PromptBudget(int Prefix, int Suffix, int Context)
{
    /// <summary>What the FIM markers and <c>input_extra</c> file headers take beyond the counted text.</summary>
    public const int FormatOverhead = 16;

    public int Total => Prefix + Suffix + Context;

    public static PromptBudget For(CodeCompletionOptions options, int? contextWindow, int maxTokens)
    {
        var budget = new PromptBudget(options.PrefixTokens, options.SuffixTokens, options.ContextTokens);
        if (contextWindow is not { } window || budget.Total <= window - maxTokens - FormatOverhead)
        {
            return budget;
        }

        var available = Math.Max(window - maxTokens - FormatOverhead, 1);
        var scale = (double)available / budget.Total;
        return new PromptBudget(Math.Max(1, (int)(budget.Prefix * scale)), (int)(budget.Suffix * scale), (int)(budget.Context * scale));
    }
}
