using Microsoft.Extensions.Configuration;
using OpenCode.Configuration;
using OpenCode.Tests.Configuration;

namespace OpenCode.Tests.Quotas;

public sealed class QuotaOptionsTests
{
    [Fact]
    public void Load_QuotasAndPricing_BindFromAFile()
    {
        using var file = new TempConfigFile("""
            {
              "quotas": {
                "budgets": [
                  { "period": "daily", "tokens": 200000 },
                  { "period": "monthly", "cost": 12.5, "model": "qwen2.5-coder:7b", "credential": "team-a" }
                ],
                "warningPercent": 90
              },
              "pricing": [ { "model": "qwen2.5-coder:7b", "inputPer1M": 0.15, "outputPer1M": 0.6 } ]
            }
            """);

        var options = OpenCodeConfigFile.Load(file.Path);

        options.Quotas.WarningPercent.ShouldBe(90);
        options.Quotas.Budgets.Count.ShouldBe(2);
        options.Quotas.Budgets[0].Tokens.ShouldBe(200000);
        options.Quotas.Budgets[0].Requests.ShouldBeNull();
        options.Quotas.Budgets[1].Period.ShouldBe(QuotaPeriod.Monthly);
        options.Quotas.Budgets[1].Cost.ShouldBe(12.5m);
        options.Quotas.Budgets[1].Model.ShouldBe("qwen2.5-coder:7b");
        options.Pricing.ShouldHaveSingleItem().OutputPer1M.ShouldBe(0.6m);
    }

    [Fact]
    public void Bind_EnvironmentKeys_SetListEntries()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QUOTAS:BUDGETS:0:PERIOD"] = "monthly",
            ["QUOTAS:BUDGETS:0:REQUESTS"] = "1000",
            ["PRICING:0:MODEL"] = "starcoder2",
            ["PRICING:0:INPUTPER1M"] = "0.25",
        }).Build();

        var options = OpenCodeOptionsBinder.Bind(configuration);

        options.Quotas.Budgets.ShouldHaveSingleItem().Requests.ShouldBe(1000);
        options.Quotas.Budgets[0].Period.ShouldBe(QuotaPeriod.Monthly);
        options.Pricing.ShouldHaveSingleItem().InputPer1M.ShouldBe(0.25m);
    }

    [Fact]
    public void Bind_UnknownSettingInABudget_NamesItsIndex()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenCode:quotas:budgets:0:tokens"] = "5",
            ["OpenCode:quotas:budgets:0:tokenz"] = "5",
        }).Build();

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(configuration));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("quotas.budgets[0].tokenz: unknown setting; allowed here: period, requests, tokens, cost, endpoint, model, credential");
    }

    [Fact]
    public void Bind_BadPeriod_SaysWhichValuesAreAllowed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QUOTAS:BUDGETS:0:PERIOD"] = "weekly",
        }).Build();

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(configuration));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("quotas.budgets[0].period: 'weekly' is not one of daily, monthly");
    }

    [Fact]
    public void Validate_BudgetWithoutLimitAndBadPrices_ReportsEach()
    {
        var options = new OpenCodeOptions();
        options.Quotas.Budgets.Add(new QuotaBudgetOptions { Model = "m" });
        options.Quotas.Budgets.Add(new QuotaBudgetOptions { Tokens = 0, Cost = -1m });
        options.Pricing.Add(new ModelPriceOptions { Model = "m", InputPer1M = -0.5m });
        options.Pricing.Add(new ModelPriceOptions { Model = "m" });
        options.Pricing.Add(new ModelPriceOptions { Model = " " });

        var errors = OpenCodeOptionsValidator.GetErrors(options);

        errors.ShouldBe(
        [
            "quotas.budgets[0]: sets no limit; set requests, tokens or cost",
            "quotas.budgets[1].tokens: 0 is out of range; allowed 1 or more",
            "quotas.budgets[1].cost: -1 is out of range; allowed more than 0",
            "pricing[0].inputPer1M: -0.5 is out of range; allowed 0 or more",
            "pricing[1].model: 'm' is priced twice",
            "pricing[2].model: must be set to the model's name",
        ]);
    }

    [Fact]
    public void Validate_WarningPercentOutOfRange_NamesRange()
    {
        var options = new OpenCodeOptions { Quotas = { WarningPercent = 100 } };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldBe("quotas.warningPercent: 100 is out of range; allowed 1 to 99");
    }

    [Fact]
    public void Bind_BudgetsGivenAsAValue_SaysAListOfObjectsIsExpected()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QUOTAS:BUDGETS"] = "1000",
        }).Build();

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(configuration));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("quotas.budgets: expected a list of objects, not a value");
    }

    [Fact]
    public void Load_BudgetWithoutAnyLimit_IsRejectedByTheSchemaToo()
    {
        using var file = new TempConfigFile("""{ "quotas": { "budgets": [ { "period": "daily", "model": "m" } ] } }""");

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(file.Path));

        error.Errors.ShouldNotBeEmpty();
        error.Errors[0].ShouldContain("quotas.budgets[0]");
    }
}
