namespace OpenCode.Routing.LoadBalancing;

/// <summary>The policy names of <c>routing.loadBalancing</c>, and the factory that makes a policy from one.</summary>
internal static class LoadBalancingPolicies
{
    public const string LeastOutstanding = "leastOutstanding";
    public const string PowerOfTwoChoices = "powerOfTwoChoices";
    public const string LatencyWeighted = "latencyWeighted";
    public const string RoundRobin = "roundRobin";

    public static ILoadBalancingPolicy Create(string name, Random random) => name switch
    {
        LeastOutstanding => new LeastOutstandingPolicy(),
        PowerOfTwoChoices => new PowerOfTwoChoicesPolicy(random),
        LatencyWeighted => new LatencyWeightedPolicy(random),
        RoundRobin => new RoundRobinPolicy(),
        _ => throw new OpenCodeConfigurationException(
            $"routing.loadBalancing: '{name}' is not a policy; allowed: {LeastOutstanding}, {PowerOfTwoChoices}, {LatencyWeighted}, {RoundRobin}",
            [$"routing.loadBalancing: '{name}' is not a policy"]),
    };
}
