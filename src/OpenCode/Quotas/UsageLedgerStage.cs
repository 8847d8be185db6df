using Microsoft.Extensions.Logging;
using OpenCode.Alerts;
using OpenCode.Pipeline;
using OpenCode.Storage;

namespace OpenCode.Quotas;

/// <summary>
/// Records every generation in the usage ledger once (finished, failed or cancelled: endpoint, model, credential, tokens, cost),
/// puts the cost on the final chunk, and feeds the error-rate and latency alert rules.
/// </summary>
/// <remarks>A ledger that cannot be written is logged, never turned into an error of an answer already delivered.</remarks>
internal sealed class UsageLedgerStage(
    GenerationStage inner, EndpointContext endpoint, IUsageStore ledger, CostCalculator costs, PerformanceAlertRules alerts, TimeProvider timeProvider, ILogger logger)
    : ObservingStage(inner)
{
    protected override ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<(GenerationRequest, ChunkObserver?)>((request, new Observer(this, endpoint.ModelOf(request))));

    private TimeProvider Time => timeProvider;

    private decimal? CostOf(string model, TokenUsage usage) => costs.Calculate(model, usage.PromptTokens, usage.CompletionTokens);

    private async Task RecordAsync(string model, TokenUsage? usage, string? errorCode, TimeSpan latency)
    {
        var record = new UsageRecord(
            Guid.NewGuid(), timeProvider.GetUtcNow(), endpoint.Name, model, endpoint.Credential, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0,
            usage?.Cost, errorCode);
        try
        {
            await ledger.RecordAsync(record, CancellationToken.None).ConfigureAwait(false);
            if (errorCode != UsageLedgerCodes.Cancelled)
            {
                await alerts.ObserveAsync(endpoint.Name, model, errorCode is not null, latency).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Provider.ProviderLog.LedgerWriteFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    private sealed class Observer(UsageLedgerStage stage, string model) : ChunkObserver
    {
        private readonly long _start = stage.Time.GetTimestamp();
        private Task? _write;

        public override MessageChunk OnChunk(MessageChunk chunk)
        {
            if (!chunk.IsDone || _write is not null)
            {
                return chunk;
            }

            if (chunk.Metadata.Usage is { Cost: null } usage && stage.CostOf(chunk.Metadata.Model ?? model, usage) is { } cost)
            {
                chunk = chunk with { Metadata = chunk.Metadata with { Usage = usage with { Cost = cost } } };
            }

            _write = stage.RecordAsync(chunk.Metadata.Model ?? model, chunk.Metadata.Usage, null, Elapsed);
            return chunk;
        }

        public override void OnFailure(Exception exception, bool callerCancelled) =>
            _write ??= stage.RecordAsync(
                model, null, callerCancelled ? UsageLedgerCodes.Cancelled : exception is OpenCodeException known ? known.Code : exception.GetType().Name, Elapsed);

        public override ValueTask OnEndAsync()
        {
            _write ??= stage.RecordAsync(model, null, UsageLedgerCodes.Cancelled, Elapsed);
            return _write.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(_write);
        }

        private TimeSpan Elapsed => stage.Time.GetElapsedTime(_start);
    }
}
