namespace OpenCode.Routing.LoadBalancing;

/// <summary>Picks the instance with the fewest requests in flight; ties go to the first listed.</summary>
internal sealed class LeastOutstandingPolicy : ILoadBalancingPolicy
{
    public string Name => LoadBalancingPolicies.LeastOutstanding;

    public InstanceState Pick(IReadOnlyList<InstanceState> candidates)
    {
        var best = candidates[0];
        var fewest = best.Outstanding;
        for (var i = 1; i < candidates.Count; i++)
        {
            var outstanding = candidates[i].Outstanding;
            if (outstanding < fewest)
            {
                best = candidates[i];
                fewest = outstanding;
            }
        }

        return best;
    }
}
