using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCode.Alerts;
using OpenCode.Storage;

namespace OpenCode.Tests.Quotas;

public sealed class LoggingAlertSinkTests
{
    [Theory]
    [InlineData(AlertSeverity.Warning, LogLevel.Warning)]
    [InlineData(AlertSeverity.Critical, LogLevel.Error)]
    public async Task PublishAsync_WritesRuleMessageValueAndThreshold(AlertSeverity severity, LogLevel expected)
    {
        var logger = new ListLogger();
        var sink = new LoggingAlertSink(logger);

        await sink.PublishAsync(new AlertEvent("quota.daily.tokens", severity, "The daily tokens budget is 80% used.", 80, 80, DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);

        logger.Entries.ShouldHaveSingleItem().ShouldBe((expected, "Alert quota.daily.tokens: The daily tokens budget is 80% used. (value 80, threshold 80)."));
    }

    [Fact]
    public async Task AddOpenCode_RegistersInMemoryStoresLoggingSinkPricingAndQuotas()
    {
        var services = new ServiceCollection();
        services.AddOpenCode(o =>
        {
            o.ApiEndpoint = "http://127.0.0.1:1";
            o.Quotas.Budgets.Add(new OpenCode.Configuration.QuotaBudgetOptions { Requests = 1 });
            o.Pricing.Add(new OpenCode.Configuration.ModelPriceOptions { Model = "m", InputPer1M = 2m });
        });
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IAlertSink>().ShouldBeOfType<LoggingAlertSink>();
        var stores = provider.GetRequiredService<OpenCodeStores>();
        stores.ShouldBeSameAs(provider.GetRequiredService<OpenCodeStores>());
        stores.RateLimits.ShouldBeNull();
        provider.GetRequiredService<OpenCode.Quotas.CostCalculator>().Calculate("m", 500_000, 0).ShouldBe(1m);
        await stores.Usage.RecordAsync(new UsageRecord(Guid.NewGuid(), TimeProvider.System.GetUtcNow(), "e", "m", null, 1, 0, null), TestContext.Current.CancellationToken);
        await Should.ThrowAsync<OpenCodeQuotaExceededException>(
            provider.GetRequiredService<OpenCode.Quotas.QuotaEnforcer>().CheckAsync("e", "m", null, TestContext.Current.CancellationToken).AsTask());
    }

    private sealed class ListLogger : ILogger<LoggingAlertSink>
    {
        public List<(LogLevel, string)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
