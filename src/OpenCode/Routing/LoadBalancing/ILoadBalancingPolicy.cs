namespace OpenCode.Routing.LoadBalancing;

/// <summary>Picks one instance among the healthy ones that serve a request's model; chosen by name from <c>routing.loadBalancing</c>.</summary>
internal interface ILoadBalancingPolicy
{
    /// <summary>Gets the policy's name in configuration.</summary>
    string Name { get; }

    /// <summary>Picks an instance.</summary>
    /// <param name="candidates">The instances to choose from; never empty.</param>
    /// <returns>The chosen one.</returns>
    InstanceState Pick(IReadOnlyList<InstanceState> candidates);
}
