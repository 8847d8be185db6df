using System.Runtime.CompilerServices;
using OpenCode.Models;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <summary>Gets the performance measured per model and endpoint for the generations of this provider.</summary>
    public ModelPerformanceTracker Performance { get; } = new();

    /// <summary>Passes a generation through, measuring time to first token, latency, tokens and failure (a cancelled request is not counted).</summary>
    private async IAsyncEnumerable<MessageChunk> MeasureAsync(
        IAsyncEnumerable<MessageChunk> source, Uri endpoint, string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = _timeProvider.GetTimestamp();
        TimeSpan? firstToken = null;
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (ex is OpenCodeException && !cancellationToken.IsCancellationRequested)
                {
                    Performance.RecordFailure(endpoint, model, _timeProvider.GetElapsedTime(start));
                    throw;
                }

                var chunk = enumerator.Current;
                if (firstToken is null && (chunk.Content.Length > 0 || !string.IsNullOrEmpty(chunk.ReasoningContent)))
                {
                    firstToken = _timeProvider.GetElapsedTime(start);
                }

                if (chunk.IsDone)
                {
                    Performance.RecordSuccess(endpoint, model, firstToken, _timeProvider.GetElapsedTime(start), chunk.Metadata.Usage?.CompletionTokens ?? 0);
                }

                yield return chunk;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
