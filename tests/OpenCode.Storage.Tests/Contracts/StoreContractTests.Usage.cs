namespace OpenCode.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Usage_NoRecords_ReturnsEmptyTotals()
    {
        (await Stores.Usage.GetTotalsAsync(new UsageQuery(T0.AddDays(-1), T0), Ct)).ShouldBe(UsageTotals.Empty);
        (await Stores.Usage.GetDailyTotalsAsync(new UsageQuery(T0.AddDays(-1), T0), Ct)).ShouldBeEmpty();
        (await Stores.Usage.GetTotalsByModelAsync(new UsageQuery(T0.AddDays(-1), T0), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Usage_SameIdRecordedTwice_CountsOnce()
    {
        var record = Record(T0, "e", "m", prompt: 10, completion: 5, cost: 0.25m);
        await Stores.Usage.RecordAsync(record, Ct);
        await Stores.Usage.RecordAsync(record with { PromptTokens = 999 }, Ct);

        (await Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddSeconds(1)), Ct)).ShouldBe(new UsageTotals(1, 0, 10, 5, 0.25m));
    }

    [Fact]
    public async Task Usage_Totals_SumTokensErrorsAndExactCost()
    {
        await Stores.Usage.RecordAsync(Record(T0, "e", "m", 100, 20, 0.000123m), Ct);
        await Stores.Usage.RecordAsync(Record(T0.AddSeconds(1), "e", "m", 50, 0, null, OpenCodeErrorCodes.Timeout), Ct);
        await Stores.Usage.RecordAsync(Record(T0.AddSeconds(2), "e", "m", 1, 2, 0.1m), Ct);

        var totals = await Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddMinutes(1)), Ct);

        totals.ShouldBe(new UsageTotals(3, 1, 151, 22, 0.100123m));
        totals.TotalTokens.ShouldBe(173);
    }

    [Fact]
    public async Task Usage_Totals_RangeIsFromInclusiveToExclusive()
    {
        await Stores.Usage.RecordAsync(Record(T0, "e", "m", 1, 0), Ct);
        await Stores.Usage.RecordAsync(Record(T0.AddHours(1), "e", "m", 10, 0), Ct);

        (await Stores.Usage.GetTotalsAsync(new UsageQuery(T0, T0.AddHours(1)), Ct)).PromptTokens.ShouldBe(1);
        (await Stores.Usage.GetTotalsAsync(new UsageQuery(T0.AddTicks(10), T0.AddHours(2)), Ct)).PromptTokens.ShouldBe(10);
    }

    [Fact]
    public async Task Usage_Totals_FilterByEndpointModelAndCredential()
    {
        await Stores.Usage.RecordAsync(Record(T0, "gpu-1", "qwen2.5-coder:7b", 1, 0, credential: "team-a"), Ct);
        await Stores.Usage.RecordAsync(Record(T0, "gpu-1", "starcoder2", 10, 0, credential: "team-b"), Ct);
        await Stores.Usage.RecordAsync(Record(T0, "gpu-2", "qwen2.5-coder:7b", 100, 0), Ct);
        var range = new UsageQuery(T0, T0.AddMinutes(1));

        (await Stores.Usage.GetTotalsAsync(range with { Endpoint = "gpu-1" }, Ct)).PromptTokens.ShouldBe(11);
        (await Stores.Usage.GetTotalsAsync(range with { Model = "qwen2.5-coder:7b" }, Ct)).PromptTokens.ShouldBe(101);
        (await Stores.Usage.GetTotalsAsync(range with { Credential = "team-b" }, Ct)).PromptTokens.ShouldBe(10);
        (await Stores.Usage.GetTotalsAsync(range with { Endpoint = "gpu-2", Model = "starcoder2" }, Ct)).ShouldBe(UsageTotals.Empty);
    }

    [Fact]
    public async Task Usage_DailyTotals_GroupByUtcDayOldestFirst()
    {
        // 23:30 at +02:00 is 21:30 UTC the same day; 01:30 at +05:00 is 20:30 UTC the day before.
        await Stores.Usage.RecordAsync(Record(new DateTimeOffset(2026, 3, 11, 23, 30, 0, TimeSpan.FromHours(2)), "e", "m", 1, 0), Ct);
        await Stores.Usage.RecordAsync(Record(new DateTimeOffset(2026, 3, 11, 1, 30, 0, TimeSpan.FromHours(5)), "e", "m", 10, 0), Ct);
        await Stores.Usage.RecordAsync(Record(new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.Zero), "e", "m", 100, 0), Ct);

        var days = await Stores.Usage.GetDailyTotalsAsync(new UsageQuery(T0.AddDays(-5), T0.AddDays(5)), Ct);

        days.Select(d => (d.Day, d.Totals.PromptTokens)).ShouldBe([(new DateOnly(2026, 3, 10), 10L), (new DateOnly(2026, 3, 11), 1L), (new DateOnly(2026, 3, 12), 100L)]);
    }

    [Fact]
    public async Task Usage_TotalsByModel_GroupByEndpointThenModel()
    {
        await Stores.Usage.RecordAsync(Record(T0, "gpu-2", "b", 1, 1, 1m), Ct);
        await Stores.Usage.RecordAsync(Record(T0, "gpu-1", "b", 2, 2), Ct);
        await Stores.Usage.RecordAsync(Record(T0, "gpu-1", "a", 3, 3), Ct);
        await Stores.Usage.RecordAsync(Record(T0, "gpu-1", "a", 4, 4, 0.5m, OpenCodeErrorCodes.ServerError), Ct);

        var groups = await Stores.Usage.GetTotalsByModelAsync(new UsageQuery(T0, T0.AddMinutes(1)), Ct);

        groups.ShouldBe(
        [
            new UsageBreakdown("gpu-1", "a", new UsageTotals(2, 1, 7, 7, 0.5m)),
            new UsageBreakdown("gpu-1", "b", new UsageTotals(1, 0, 2, 2, 0m)),
            new UsageBreakdown("gpu-2", "b", new UsageTotals(1, 0, 1, 1, 1m)),
        ]);
    }

    private static UsageRecord Record(DateTimeOffset at, string endpoint, string model, long prompt, long completion, decimal? cost = null, string? error = null, string? credential = null) =>
        new(Guid.NewGuid(), at, endpoint, model, credential, prompt, completion, cost, error);
}
