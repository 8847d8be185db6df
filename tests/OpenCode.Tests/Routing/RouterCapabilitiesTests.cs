using OpenCode.Models;

namespace OpenCode.Tests.Routing;

public sealed class RouterCapabilitiesTests
{
    [Fact]
    public async Task GetCapabilities_TwoInstances_EveryModelAndTheServingInstancesOwnCapabilities()
    {
        var sampling = new SamplingDefaults(0.2f, 20, 0.8f, null, 1.05f);
        var a = new FakeInstance("a", "m") { Sampling = sampling };
        var b = new FakeInstance("b", "other");
        await using var router = RouterHarness.Create([a, b], configure: o => o.Models.DefaultModel = "m");

        var capabilities = await router.GetCapabilitiesAsync(TestContext.Current.CancellationToken);

        capabilities.AvailableModels.ShouldBe(["m", "other"], ignoreOrder: true);
        capabilities.Model.ShouldBe("m");
        capabilities.SamplingDefaults.ShouldBe(sampling);
    }
}
