using OpenCode.Collections;

namespace OpenCode.Routing;

/// <summary>The per-model totals of a router and the snapshot of everything it counts.</summary>
/// <remarks>Per-model totals are kept for the 256 models answered most recently.</remarks>
internal sealed class RouterCounters
{
    private readonly RecentlyUsedTable<string, ModelTotals> _models = new(comparer: StringComparer.Ordinal);
    private long _cacheHits;

    public void Record(InstanceState state, string? model, TokenUsage? usage)
    {
        lock (state.Gate)
        {
            state.Totals.PromptTokens += usage?.PromptTokens ?? 0;
            state.Totals.CompletionTokens += usage?.CompletionTokens ?? 0;
        }

        Count(model, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0);
    }

    public void RecordCacheHit(string? model)
    {
        Interlocked.Increment(ref _cacheHits);
        Count(model, 0, 0);
    }

    public RouterStatistics Snapshot(IReadOnlyList<InstanceState> instances, DateTimeOffset now)
    {
        var list = new List<InstanceStatistics>(instances.Count);
        foreach (var state in instances)
        {
            var models = state.Models?.Select(m => m.Id).ToList() ?? [];
            var latency = state.LatencyMs;
            lock (state.Gate)
            {
                var health = state.Health;
                var totals = state.Totals;
                list.Add(new InstanceStatistics(
                    state.Name, health.State, models, state.Outstanding, latency, health.CooldownUntil, health.LastError,
                    totals.Requests, totals.Failures, totals.PromptTokens, totals.CompletionTokens));
            }
        }

        var perModel = _models.Entries.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new ModelStatistics(m.Key, Volatile.Read(ref m.Value.Answers), Volatile.Read(ref m.Value.PromptTokens), Volatile.Read(ref m.Value.CompletionTokens)))
            .ToList();
        return new RouterStatistics(list, perModel, Volatile.Read(ref _cacheHits), now);
    }

    private void Count(string? model, int prompt, int completion)
    {
        var totals = _models.GetOrAdd(model ?? "(default)", static (_, _) => new ModelTotals(), 0);
        Interlocked.Increment(ref totals.Answers);
        Interlocked.Add(ref totals.PromptTokens, prompt);
        Interlocked.Add(ref totals.CompletionTokens, completion);
    }

    private sealed class ModelTotals
    {
#pragma warning disable SA1401 // Fields updated with Interlocked.
        public long Answers;
        public long PromptTokens;
        public long CompletionTokens;
#pragma warning restore SA1401
    }
}
