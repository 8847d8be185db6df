namespace OpenCode.Routing.LoadBalancing;

/// <summary>
/// Picks at random with a weight of 1 / (expected wait): the moving average of the time to the first chunk times the requests
/// in flight plus one, so fast idle instances get most requests and a slow one still gets enough to measure it.
/// </summary>
internal sealed class LatencyWeightedPolicy(Random random) : ILoadBalancingPolicy
{
    /// <summary>The latency assumed for an instance not measured yet, low so that it is tried soon.</summary>
    private const double UnmeasuredMs = 1;

    public string Name => LoadBalancingPolicies.LatencyWeighted;

    public InstanceState Pick(IReadOnlyList<InstanceState> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        Span<double> weights = candidates.Count <= 32 ? stackalloc double[candidates.Count] : new double[candidates.Count];
        var total = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var latency = candidates[i].LatencyMs is > 0 and var ms ? ms : UnmeasuredMs;
            weights[i] = 1 / (latency * (candidates[i].Outstanding + 1));
            total += weights[i];
        }

        var point = random.NextDouble() * total;
        for (var i = 0; i < candidates.Count; i++)
        {
            point -= weights[i];
            if (point < 0)
            {
                return candidates[i];
            }
        }

        return candidates[^1];
    }
}
