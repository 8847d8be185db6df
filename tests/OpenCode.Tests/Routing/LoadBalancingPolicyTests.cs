using OpenCode.Routing;
using OpenCode.Routing.LoadBalancing;

namespace OpenCode.Tests.Routing;

public sealed class LoadBalancingPolicyTests
{
    [Fact]
    public void LeastOutstanding_Pick_TakesTheInstanceWithFewestInFlight()
    {
        var states = States(3);
        Load(states[0], 2);
        Load(states[2], 1);
        Load(states[1], 3);

        new LeastOutstandingPolicy().Pick(states).Name.ShouldBe("i2");
    }

    [Fact]
    public void LeastOutstanding_PickAmongIdleOnes_TakesThemInTurn()
    {
        var states = States(3);
        var policy = new LeastOutstandingPolicy();

        Enumerable.Range(0, 4).Select(_ => policy.Pick(states).Name).ShouldBe(["i0", "i1", "i2", "i0"]);
    }

    [Fact]
    public void RoundRobin_Pick_TakesEachInTurn()
    {
        var states = States(3);
        var policy = new RoundRobinPolicy();

        Enumerable.Range(0, 6).Select(_ => policy.Pick(states).Name).ShouldBe(["i0", "i1", "i2", "i0", "i1", "i2"]);
    }

    [Fact]
    public void PowerOfTwoChoices_Pick_TakesTheLessLoadedOfTwoRandomOnes()
    {
        var states = States(4);
        Load(states[0], 5);
        Load(states[3], 1);

        // The random source picks index 0 (0.0 * 4) and then index 3 (0.99 * 3 = 2, shifted past 0 to 3).
        new PowerOfTwoChoicesPolicy(new ScriptedRandom(0.0, 0.99)).Pick(states).Name.ShouldBe("i3");
    }

    [Fact]
    public void LatencyWeighted_Pick_FavoursTheFasterInstanceInProportion()
    {
        var states = States(2);
        states[0].ObserveLatency(TimeSpan.FromMilliseconds(100));
        states[1].ObserveLatency(TimeSpan.FromMilliseconds(300));
        var policy = new LatencyWeightedPolicy(new ScriptedRandom([.. Enumerable.Range(0, 100).Select(i => i / 100.0)]));

        var picks = Enumerable.Range(0, 100).Select(_ => policy.Pick(states).Name).ToList();

        // Weights 1/100 and 1/300: three in four picks go to the faster one.
        picks.Count(n => n == "i0").ShouldBe(75);
    }

    [Theory]
    [InlineData("leastOutstanding", typeof(LeastOutstandingPolicy))]
    [InlineData("powerOfTwoChoices", typeof(PowerOfTwoChoicesPolicy))]
    [InlineData("latencyWeighted", typeof(LatencyWeightedPolicy))]
    [InlineData("roundRobin", typeof(RoundRobinPolicy))]
    public void Create_KnownName_MakesThatPolicy(string name, Type expected) =>
        LoadBalancingPolicies.Create(name, new Random(1)).ShouldBeOfType(expected);

    private static List<InstanceState> States(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InstanceState(new FakeInstance($"i{i}")))];

    private static void Load(InstanceState state, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            state.Begin();
        }
    }
}
