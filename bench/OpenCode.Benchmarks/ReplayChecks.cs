using OpenCode.Completion;
using OpenCode.Provider;

namespace OpenCode.Benchmarks;

/// <summary>What every answer of the replay must satisfy: prompt parts within their budgets (re-counted by the server's tokenizer), stop rules held, filters stable.</summary>
internal static class ReplayChecks
{
    public static async Task<List<string>> RunAsync(OpenCodeProvider provider, CodeCompletionOptions options, List<ReplayAsk> asks)
    {
        var failures = new List<string>();
        // The replay model has the StarCoder vocabulary, so the StarCoder family and its stop tokens.
        var stopTokens = Families.ModelFamily.StarCoder.Fim!.StopTokens;
        foreach (var (ask, index) in asks.Select((a, i) => (a, i)))
        {
            if (ask.Error is { } error)
            {
                failures.Add($"ask {index}: {error.GetType().Name}: {error.Message}");
                continue;
            }

            var final = ask.Final!;
            var context = CompletionContext.Create(ask.Request, ask.Request.LineMode, stopTokens);
            if (final.Prompt is { } prompt && final.Source == CodeCompletionSource.Server)
            {
                await CheckBudgetAsync(provider, "prefix", prompt.Prefix, options.PrefixTokens, index, failures);
                await CheckBudgetAsync(provider, "suffix", prompt.Suffix, options.SuffixTokens, index, failures);
                var extra = 0;
                foreach (var file in prompt.ExtraFiles)
                {
                    extra += (await provider.TokenizeAsync(file.Text, CancellationToken.None))!.Count;
                }

                Require(extra <= options.ContextTokens, $"ask {index}: context {extra} tokens > budget {options.ContextTokens}", failures);
            }

            var text = final.Text;
            Require(context.Mode != CompletionLineMode.SingleLine || !text.Contains('\n', StringComparison.Ordinal), $"ask {index}: single-line answer has a line break", failures);
            Require(!stopTokens.Any(t => text.Contains(t, StringComparison.Ordinal)), $"ask {index}: a stop token in the answer", failures);
            var lines = text.Split('\n');
            Require(!lines.Zip(lines.Skip(1)).Any(p => p.First.Trim().Length > 0 && p.First == p.Second), $"ask {index}: a repeated line", failures);
            Require(!text.Contains("\n\n\n", StringComparison.Ordinal), $"ask {index}: a run of blank lines", failures);
            Require(lines.All(l => l.Length == l.TrimEnd().Length), $"ask {index}: trailing whitespace", failures);
            Require(final.Stop == CompletionStop.Superseded || final.Source == CodeCompletionSource.Cache || CompletionFilters.Apply(context, text) == text,
                $"ask {index}: filters not stable on their own output", failures);
        }

        return failures;
    }

    private static async Task CheckBudgetAsync(OpenCodeProvider provider, string part, string text, int budget, int index, List<string> failures)
    {
        var tokens = (await provider.TokenizeAsync(text, CancellationToken.None))!.Count;
        Require(tokens <= budget, $"ask {index}: {part} {tokens} tokens > budget {budget}", failures);
    }

    private static void Require(bool condition, string failure, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
