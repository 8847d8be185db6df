using Microsoft.Extensions.Time.Testing;
using OpenCode.Alerts;
using OpenCode.Configuration;
using OpenCode.Quotas;
using OpenCode.Storage;

namespace OpenCode.Tests.Quotas;

public sealed class QuotaEnforcerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero));
    private readonly IUsageStore _ledger = OpenCodeStores.CreateInMemory().Usage;
    private readonly RecordingAlertSink _alerts = new();
    private readonly QuotaOptions _options = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_UnderBudget_Passes()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 3 });
        await RecordAsync(2);

        await Enforcer().CheckAsync("gpu-1", "m", null, Ct);

        _alerts.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckAsync_DailyRequestsUsedUp_ThrowsWithRetryAfterUntilUtcMidnight()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 3 });
        await RecordAsync(3);

        var error = await Should.ThrowAsync<OpenCodeQuotaExceededException>(Enforcer().CheckAsync("gpu-1", "m", null, Ct).AsTask());

        error.Code.ShouldBe(OpenCodeErrorCodes.QuotaExceeded);
        error.RetryAfter.ShouldBe(TimeSpan.FromHours(6));
        (error.Period, error.Metric, error.Limit, error.Used).ShouldBe((QuotaPeriod.Daily, "requests", 3m, 3m));
        error.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task CheckAsync_NextDay_PassesAgain()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 3 });
        await RecordAsync(3);
        var enforcer = Enforcer();

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));

        await enforcer.CheckAsync("gpu-1", "m", null, Ct);
    }

    [Fact]
    public async Task CheckAsync_MonthlyTokensUsedUp_RetryAfterIsUntilTheFirstOfNextMonth()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Period = QuotaPeriod.Monthly, Tokens = 1000 });
        await RecordAsync(1, prompt: 600, completion: 400, at: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        var error = await Should.ThrowAsync<OpenCodeQuotaExceededException>(Enforcer().CheckAsync("gpu-1", "m", null, Ct).AsTask());

        error.RetryAfter.ShouldBe(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) - _time.GetUtcNow());
        error.Metric.ShouldBe("tokens");
    }

    [Fact]
    public async Task CheckAsync_CostBudget_CountsOnlyItsModel()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Cost = 1m, Model = "big" });
        await RecordAsync(1, model: "small", cost: 5m);
        await RecordAsync(1, model: "big", cost: 0.5m);
        var enforcer = Enforcer();

        await enforcer.CheckAsync("gpu-1", "small", null, Ct);
        await enforcer.CheckAsync("gpu-1", "big", null, Ct);
        await RecordAsync(1, model: "big", cost: 0.5m);

        await Should.ThrowAsync<OpenCodeQuotaExceededException>(enforcer.CheckAsync("gpu-1", "big", null, Ct).AsTask());
    }

    [Fact]
    public async Task CheckAsync_CredentialBudget_IgnoresOtherCredentials()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 1, Credential = "team-a" });
        await RecordAsync(1, credential: "team-a");

        await Enforcer().CheckAsync("gpu-1", "m", "team-b", Ct);
        await Enforcer().CheckAsync("gpu-1", "m", null, Ct);
        await Should.ThrowAsync<OpenCodeQuotaExceededException>(Enforcer().CheckAsync("gpu-1", "m", "team-a", Ct).AsTask());
    }

    [Fact]
    public async Task CheckAsync_SeveralBudgetsUsedUp_RetryAfterIsTheLongest()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 1 });
        _options.Budgets.Add(new QuotaBudgetOptions { Period = QuotaPeriod.Monthly, Requests = 1 });
        await RecordAsync(1);

        var error = await Should.ThrowAsync<OpenCodeQuotaExceededException>(Enforcer().CheckAsync("gpu-1", "m", null, Ct).AsTask());

        error.Period.ShouldBe(QuotaPeriod.Monthly);
    }

    [Fact]
    public async Task CheckAsync_At80And100Percent_AlertsOncePerPeriodEach()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Tokens = 100, Model = "m" });
        var enforcer = Enforcer();

        await RecordAsync(1, prompt: 79);
        await enforcer.CheckAsync("gpu-1", "m", null, Ct);
        await RecordAsync(1, prompt: 1);
        await enforcer.CheckAsync("gpu-1", "m", null, Ct);
        await enforcer.CheckAsync("gpu-1", "m", null, Ct);
        await RecordAsync(1, prompt: 20);
        await Should.ThrowAsync<OpenCodeQuotaExceededException>(enforcer.CheckAsync("gpu-1", "m", null, Ct).AsTask());
        await Should.ThrowAsync<OpenCodeQuotaExceededException>(enforcer.CheckAsync("gpu-1", "m", null, Ct).AsTask());

        _alerts.Events.Select(e => (e.Rule, e.Severity, e.Value, e.Threshold)).ShouldBe(
        [
            ("quota.daily.tokens", AlertSeverity.Warning, 80d, 80d),
            ("quota.daily.tokens", AlertSeverity.Critical, 100d, 100d),
        ]);
        _alerts.Events[0].Message.ShouldBe("The daily tokens budget for model 'm' is 80% used: 80 of 100.");
        _alerts.Events[1].Timestamp.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task CheckAsync_NewPeriod_AlertsAgain()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 1 });
        var enforcer = Enforcer();
        await RecordAsync(1);
        await Should.ThrowAsync<OpenCodeQuotaExceededException>(enforcer.CheckAsync("gpu-1", "m", null, Ct).AsTask());

        _time.Advance(TimeSpan.FromDays(1));
        await RecordAsync(1);
        await Should.ThrowAsync<OpenCodeQuotaExceededException>(enforcer.CheckAsync("gpu-1", "m", null, Ct).AsTask());

        _alerts.Events.Count(e => e.Severity == AlertSeverity.Critical).ShouldBe(2);
    }

    [Fact]
    public async Task GetStatusAsync_ListsEveryMetricOfEveryBudget()
    {
        _options.Budgets.Add(new QuotaBudgetOptions { Requests = 10, Tokens = 1000 });
        await RecordAsync(2, prompt: 100, completion: 50);

        var status = await Enforcer().GetStatusAsync(null, null, null, Ct);

        status.Select(s => (s.Metric, s.Used, s.Limit, s.Percent)).ShouldBe([("requests", 2m, 10m, 20m), ("tokens", 300m, 1000m, 30m)]);
    }

    private QuotaEnforcer Enforcer() => new(_ledger, _options, _alerts, _time);

    private async Task RecordAsync(int count, long prompt = 1, long completion = 0, string model = "m", decimal? cost = null, string? credential = null, DateTimeOffset? at = null)
    {
        for (var i = 0; i < count; i++)
        {
            await _ledger.RecordAsync(new UsageRecord(Guid.NewGuid(), at ?? _time.GetUtcNow().AddMinutes(-1), "gpu-1", model, credential, prompt, completion, cost), Ct);
        }
    }

    private sealed class RecordingAlertSink : IAlertSink
    {
        public List<AlertEvent> Events { get; } = [];

        public ValueTask PublishAsync(AlertEvent alert, CancellationToken cancellationToken = default)
        {
            Events.Add(alert);
            return ValueTask.CompletedTask;
        }
    }
}
