using System.Text.Json;
using OpenCode.Configuration;
using OpenCode.Quotas;

namespace OpenCode.Tests.Quotas;

public sealed class CostCalculatorTests
{
    private readonly CostCalculator _calculator = new([new ModelPriceOptions { Model = "qwen2.5-coder:7b", InputPer1M = 0.15m, OutputPer1M = 0.6m }]);

    [Fact]
    public void Calculate_ConfiguredModel_PricesPerMillionTokensExactly()
    {
        _calculator.Calculate("qwen2.5-coder:7b", 1000, 500).ShouldBe(0.00045m);
    }

    [Fact]
    public void Calculate_UnpricedModel_ReturnsNull()
    {
        _calculator.Calculate("starcoder2", 1000, 500).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"inputPer1M":1,"outputPer1M":2}""")]
    [InlineData("""{"input":1,"output":2}""")]
    [InlineData("""{"prompt":"1","completion":"2.0"}""")]
    public void Calculate_ServerReportsPricing_UsesTheServers(string pricing)
    {
        var server = JsonDocument.Parse(pricing).RootElement;

        _calculator.Calculate("qwen2.5-coder:7b", 1_000_000, 500_000, server).ShouldBe(2m);
    }

    [Theory]
    [InlineData("""{"input":"free"}""")]
    [InlineData("""{"input":-1,"output":2}""")]
    [InlineData("""[1,2]""")]
    public void Calculate_ServerPricingUnreadable_FallsBackToConfig(string pricing)
    {
        var server = JsonDocument.Parse(pricing).RootElement;

        _calculator.Calculate("qwen2.5-coder:7b", 1_000_000, 0, server).ShouldBe(0.15m);
    }
}
