using System.Threading.RateLimiting;
using OpenCode.Pipeline;

namespace OpenCode.Limits;

/// <summary>
/// Sends at most as many requests at once as the server has slots (llama-server's <c>total_slots</c>) and holds the rest, in arrival
/// order, until a slot frees: used when no client-side concurrency limit is configured (<c>rateLimits.matchServerSlots</c>).
/// </summary>
/// <remarks>
/// Innermost, inside the retries: each attempt holds a slot only while it runs, and the total timeout and the caller's cancellation end
/// a wait. The queue has no bound and no timeout of its own, like the server's queue it stands in for, so it holds back nothing the
/// server would have served at once.
/// </remarks>
internal sealed class ServerSlotStage(GenerationStage inner, int slots) : ObservingStage(inner)
{
    private readonly ConcurrencyLimiter _slots = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = slots,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Gets the number of slots.</summary>
    public int Slots => slots;

    /// <summary>Gets the requests waiting for a slot now.</summary>
    public long Waiting => _slots.GetStatistics()?.CurrentQueuedCount ?? 0;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var lease = await _slots.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            // Only a disposed limiter refuses with an unbounded queue: the provider is being disposed.
            lease.Dispose();
            throw new ObjectDisposedException(nameof(ServerSlotStage));
        }

        return (request, new Observer(lease));
    }

    private sealed class Observer(RateLimitLease lease) : ChunkObserver
    {
        public override MessageChunk OnChunk(MessageChunk chunk)
        {
            if (chunk.IsDone)
            {
                // The slot is free once the answer is complete, not when the caller gets round to disposing the stream.
                lease.Dispose();
            }

            return chunk;
        }

        public override void OnFailure(Exception exception, bool callerCancelled) => lease.Dispose();

        public override ValueTask OnEndAsync()
        {
            lease.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
