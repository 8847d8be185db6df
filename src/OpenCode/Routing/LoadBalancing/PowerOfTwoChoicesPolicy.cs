namespace OpenCode.Routing.LoadBalancing;

/// <summary>Picks two instances at random and takes the one with fewer requests in flight (as YARP's PowerOfTwoChoices).</summary>
internal sealed class PowerOfTwoChoicesPolicy(Random random) : ILoadBalancingPolicy
{
    public string Name => LoadBalancingPolicies.PowerOfTwoChoices;

    public InstanceState Pick(IReadOnlyList<InstanceState> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var first = random.Next(candidates.Count);
        var second = random.Next(candidates.Count - 1);
        if (second >= first)
        {
            second++;
        }

        return candidates[second].Outstanding < candidates[first].Outstanding ? candidates[second] : candidates[first];
    }
}
