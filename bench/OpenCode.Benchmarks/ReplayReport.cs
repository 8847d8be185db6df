using System.Globalization;
using OpenCode.Completion;

namespace OpenCode.Benchmarks;

/// <summary>Prints the replay's numbers as a Markdown table.</summary>
internal static class ReplayReport
{
    public static void Print(
        int keystrokes, CodeCompletionStatistics stats, List<ReplayAsk> asks, List<ReplayAsk> alone, List<(double FirstTokenMs, TokenUsage? Usage)> raw, List<string> failures)
    {
        var served = asks.Where(a => a.Final is { Stop: not CompletionStop.Superseded }).ToList();
        var sent = asks.Where(a => a.Final is { Source: CodeCompletionSource.Server or CodeCompletionSource.None, Prompt: not null } && a.Final.Stop != CompletionStop.Superseded).ToList();
        var serviceUsage = asks.Concat(alone).Select(a => a.Final?.Usage).OfType<TokenUsage>().ToList();
        var rawUsage = raw.Select(r => r.Usage).OfType<TokenUsage>().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | | service | raw /infill |
            |---|---:|---:|
            | keystrokes typed | {keystrokes} | {keystrokes} |
            | completions asked (pauses) | {stats.Requests} | {raw.Count} |
            | generations sent to the server | {stats.Generations} | {raw.Count} |
            | served from the cache / joined in flight | {stats.CacheHits} / {stats.InFlightJoins} | - |
            | superseded (latest wins) / generations cancelled | {stats.Superseded} / {stats.CancelledGenerations} | - |
            | time to first suggestion p50 / p99 (ms), while typing (answers not superseded) | {P(served.Select(a => a.FirstSuggestionMs), 50):F1} / {P(served.Select(a => a.FirstSuggestionMs), 99):F1} | - |
            | time to first suggestion p50 / p99 (ms), sampled pauses one at a time | {P(alone.Select(a => a.FirstSuggestionMs), 50):F1} / {P(alone.Select(a => a.FirstSuggestionMs), 99):F1} ({alone.Count}) | {P(raw.Select(r => r.FirstTokenMs), 50):F1} / {P(raw.Select(r => r.FirstTokenMs), 99):F1} ({raw.Count}) |
            | prompt tokens per generation, mean (server's count) | {Mean(serviceUsage.Select(u => (double)u.PromptTokens)):F0} | {Mean(rawUsage.Select(u => (double)u.PromptTokens)):F0} |
            | prompt tokens per generation, mean (service's own count: prefix + suffix + context) | {Mean(sent.Select(a => (double)(a.Final!.Prompt!.PrefixTokens + a.Final.Prompt.SuffixTokens + a.Final.Prompt.ContextTokens))):F0} | - |
            | server's cached-token share (generations with usage) | {Share(serviceUsage):P1} ({serviceUsage.Count}) | {Share(rawUsage):P1} ({rawUsage.Count}) |
            | check failures (budgets, stop rules, filters) | {failures.Count} | - |
            """));
        foreach (var failure in failures.Take(20))
        {
            Console.WriteLine("  " + failure);
        }
    }

    private static double Share(List<TokenUsage> usage) =>
        usage.Sum(u => u.PromptTokens) is var total and > 0 ? (double)usage.Sum(u => u.CachedPromptTokens ?? 0) / total : 0;

    private static double Mean(IEnumerable<double> values) => values.DefaultIfEmpty(0).Average();

    private static double P(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }
}
