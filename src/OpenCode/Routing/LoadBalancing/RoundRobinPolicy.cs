namespace OpenCode.Routing.LoadBalancing;

/// <summary>Takes the candidates in turn.</summary>
internal sealed class RoundRobinPolicy : ILoadBalancingPolicy
{
    private uint _counter;

    public string Name => LoadBalancingPolicies.RoundRobin;

    public InstanceState Pick(IReadOnlyList<InstanceState> candidates) =>
        candidates[(int)((Interlocked.Increment(ref _counter) - 1) % (uint)candidates.Count)];
}
