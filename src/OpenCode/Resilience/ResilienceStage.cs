using OpenCode.Pipeline;

namespace OpenCode.Resilience;

/// <summary>
/// Runs the endpoint's Polly pipeline (total timeout, retries with backoff, circuit breaker) around opening a generation up to its
/// first chunk. Once the first chunk has reached the caller nothing here runs again, so a generation is never silently restarted.
/// </summary>
internal sealed class ResilienceStage(GenerationStage inner, EndpointResilience resilience, Uri endpoint) : OpeningStage(inner)
{
    protected override async ValueTask<IAsyncEnumerator<MessageChunk>> OpenAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        await resilience.ExecuteAsync(
            static (attempt, token) => attempt.Stage.OpenAttemptAsync(attempt, token), new Attempt(this, request, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>One attempt, with a token of its own: the total timeout cancels it only until the first chunk.</summary>
    private async ValueTask<IAsyncEnumerator<MessageChunk>> OpenAttemptAsync(Attempt attempt, CancellationToken attemptToken)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(attempt.CallerToken);
        IAsyncEnumerator<MessageChunk>? chunks = null;
        try
        {
            using (attemptToken.Register(static source => ((CancellationTokenSource)source!).Cancel(), cancellation))
            {
                chunks = InnerStage.GenerateAsync(attempt.Request, cancellation.Token).GetAsyncEnumerator(CancellationToken.None);
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new OpenCodeStreamInterruptedException($"{endpoint} ended the response without a chunk.", 0);
                }
            }

            return new OpenedStream(chunks, cancellation);
        }
        catch
        {
            if (chunks is not null)
            {
                await chunks.DisposeAsync().ConfigureAwait(false);
            }

            cancellation.Dispose();
            throw;
        }
    }

    /// <summary>The state of one request's attempts, passed through the Polly pipeline without a closure.</summary>
    private sealed record Attempt(ResilienceStage Stage, GenerationRequest Request, CancellationToken CallerToken);
}
