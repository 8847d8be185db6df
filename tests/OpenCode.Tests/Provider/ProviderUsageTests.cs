using System.Collections.Concurrent;
using OpenCode.Alerts;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Storage;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Provider;

/// <summary>The usage ledger, cost, quotas, alerts and the fallback model, through the provider against a scripted server over real HTTP.</summary>
public sealed class ProviderUsageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Chat => new() { Messages = [Message.User("hi")], MaxTokens = 8 };

    private static OpenCodeProvider Create(ScriptedServer server, OpenCodeStores stores, Action<OpenCodeOptions>? configure = null, IAlertSink? alerts = null)
    {
        var options = new OpenCodeOptions { ApiEndpoint = server.Url, Resilience = { MaxAttempts = 1 } };
        configure?.Invoke(options);
        return new OpenCodeProvider(options, stores: stores, alerts: alerts);
    }

    [Fact]
    public async Task SendMessage_PricedModel_FinalChunkAndLedgerCarryTokensAndCost()
    {
        await using var server = await ScriptedServer.StartAsync();
        var stores = OpenCodeStores.CreateInMemory();
        await using var provider = Create(server, stores, o => o.Pricing.Add(new ModelPriceOptions { Model = "tiny-coder", InputPer1M = 1_000_000m, OutputPer1M = 2_000_000m }));

        var answer = await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        answer.Usage.ShouldNotBeNull().Cost.ShouldBe(7m + 4m);
        var totals = await stores.Usage.GetTotalsAsync(new UsageQuery(DateTimeOffset.MinValue, DateTimeOffset.MaxValue), Ct);
        totals.ShouldBe(new UsageTotals(1, 0, 7, 2, 11m));
    }

    [Fact]
    public async Task SendMessage_FailedAndSucceeded_LedgerCountsEveryRequestWithItsErrorCode()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(400, "invalid_request_error");
        var stores = OpenCodeStores.CreateInMemory();
        await using var provider = Create(server, stores);

        await Should.ThrowAsync<OpenCodeException>(provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct));
        await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        var totals = await stores.Usage.GetTotalsAsync(new UsageQuery(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Model: "tiny-coder"), Ct);
        totals.Requests.ShouldBe(2);
        totals.Errors.ShouldBe(1);
        totals.TotalTokens.ShouldBe(9);
    }

    [Fact]
    public async Task SendMessage_DailyRequestBudgetUsedUp_ThrowsQuotaExceededWithoutSending()
    {
        await using var server = await ScriptedServer.StartAsync();
        var stores = OpenCodeStores.CreateInMemory();
        var alerts = new RecordingAlertSink();
        await using var provider = Create(server, stores, o => o.Quotas.Budgets.Add(new QuotaBudgetOptions { Period = QuotaPeriod.Daily, Requests = 2 }), alerts);
        await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);
        await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        var ex = await Should.ThrowAsync<OpenCodeException>(provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.QuotaExceeded);
        ex.RetryAfter.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
        server.ChatRequests.ShouldBe(2);
        alerts.Events.ShouldContain(e => e.Severity == AlertSeverity.Critical);
    }

    [Fact]
    public async Task SendMessage_NamedCredential_LedgerRecordsItAndItsBudgetApplies()
    {
        await using var server = await ScriptedServer.StartAsync();
        var stores = OpenCodeStores.CreateInMemory();
        var credentials = new MemoryCredentialStore();
        await credentials.SetAsync("team", new OpenCode.Auth.StoredCredential(OpenCode.Auth.CredentialKind.ApiKey, "sk-team-7788"), Ct);
        var options = new OpenCodeOptions { ApiEndpoint = server.Url, Auth = { Credential = "team" }, Resilience = { MaxAttempts = 1 } };
        options.Quotas.Budgets.Add(new QuotaBudgetOptions { Period = QuotaPeriod.Daily, Requests = 1, Credential = "team" });
        await using var provider = new OpenCodeProvider(options, stores: stores, credentialStore: credentials);
        await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        var ex = await Should.ThrowAsync<OpenCodeException>(provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.QuotaExceeded);
        (await stores.Usage.GetTotalsAsync(new UsageQuery(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Credential: "team"), Ct)).Requests.ShouldBe(1);
        server.ChatRequests.ShouldBe(1);
    }

    [Fact]
    public async Task SendMessage_ErrorRateCrossesThreshold_RaisesOneAlertPerCrossing()
    {
        await using var server = await ScriptedServer.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            server.ThenStatus(400, "invalid_request_error");
        }

        var alerts = new RecordingAlertSink();
        await using var provider = Create(server, OpenCodeStores.CreateInMemory(), o => { o.Alerts.Window = 5; o.Alerts.ErrorRateThreshold = 0.6; }, alerts);

        for (var i = 0; i < 8; i++)
        {
            await Should.ThrowAsync<OpenCodeException>(provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct));
        }

        alerts.Events.Count(e => e.Rule == "requests.error_rate").ShouldBe(1);
        var alert = alerts.Events.Single(e => e.Rule == "requests.error_rate");
        alert.Value.ShouldBe(1.0);
        alert.Threshold.ShouldBe(0.6);
        alert.Message.ShouldNotContain("hi");
    }

    [Fact]
    public async Task SendMessage_RequestedModelSpent_FallbackModelServesAndIsReported()
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = Create(server, OpenCodeStores.CreateInMemory(), o =>
        {
            o.RateLimits.RequestsPerMinute = 1;
            o.RateLimits.QueueTimeout = 0;
            o.RateLimits.FallbackModel = "small-coder";
        });
        await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        var answer = await provider.SendMessageAsync(Chat, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        server.ChatModels.ShouldBe(["tiny-coder", "small-coder"]);
        answer.Route.ShouldNotBeNull().FallbackModel.ShouldBe("small-coder");
    }

    private sealed class RecordingAlertSink : IAlertSink
    {
        public ConcurrentQueue<AlertEvent> Events { get; } = new();

        public ValueTask PublishAsync(AlertEvent alert, CancellationToken cancellationToken = default)
        {
            Events.Enqueue(alert);
            return ValueTask.CompletedTask;
        }
    }
}
