namespace OpenCode.IntegrationTests.Routing;

/// <summary>Tests that load the machine heavily and so run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RouterFleetCollection
{
    public const string Name = "Router fleet";
}
