namespace OpenCode.Routing.LoadBalancing;

/// <summary>Picks the instance with the fewest requests in flight; ties are broken in turn, so idle instances share sequential requests.</summary>
internal sealed class LeastOutstandingPolicy : ILoadBalancingPolicy
{
    private uint _offset;

    public string Name => LoadBalancingPolicies.LeastOutstanding;

    public InstanceState Pick(IReadOnlyList<InstanceState> candidates)
    {
        var count = candidates.Count;
        var start = (int)((Interlocked.Increment(ref _offset) - 1) % (uint)count);
        var best = candidates[start];
        var fewest = best.Outstanding;
        for (var k = 1; k < count; k++)
        {
            var candidate = candidates[(start + k) % count];
            var outstanding = candidate.Outstanding;
            if (outstanding < fewest)
            {
                best = candidate;
                fewest = outstanding;
            }
        }

        return best;
    }
}
