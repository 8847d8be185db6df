using Microsoft.Extensions.Logging;
using OpenCode.Alerts;
using OpenCode.Quotas;
using OpenCode.Storage;

namespace OpenCode.Provider;

/// <summary>What every generation of a provider reports to when it ends: the usage ledger (with the cost), the alert rules, the log.</summary>
internal sealed class GenerationServices(IUsageStore ledger, CostCalculator costs, PerformanceAlertRules alerts, TimeProvider timeProvider, ILogger logger)
{
    public TimeProvider TimeProvider => timeProvider;

    /// <summary>Records a finished generation: its ledger line (idempotent by id; the cost is the one the final chunk carries) and its outcome for the alert rules.</summary>
    public async Task RecordAsync(string endpoint, string model, string? credential, TokenUsage? usage, string? errorCode, TimeSpan latency)
    {
        var record = new UsageRecord(
            Guid.NewGuid(), timeProvider.GetUtcNow(), endpoint, model, credential, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0,
            usage?.Cost, errorCode);
        try
        {
            await ledger.RecordAsync(record, CancellationToken.None).ConfigureAwait(false);
            if (errorCode != GenerationScope.Cancelled)
            {
                await alerts.ObserveAsync(endpoint, model, errorCode is not null, latency).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The answer was delivered; losing its ledger line must not turn it into an error.
            ProviderLog.LedgerWriteFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Computes the cost of a usage, or <see langword="null"/> when the model has no price.</summary>
    public decimal? CostOf(string model, TokenUsage usage) => costs.Calculate(model, usage.PromptTokens, usage.CompletionTokens);
}
