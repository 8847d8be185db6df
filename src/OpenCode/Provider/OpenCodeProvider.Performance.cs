using System.Runtime.CompilerServices;
using OpenCode.Models;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <summary>Gets the performance measured per model and endpoint for the generations of this provider.</summary>
    public ModelPerformanceTracker Performance { get; } = new();

    private GenerationMeasurement StartMeasurement(State state, string? model) =>
        new(Performance, _timeProvider, state.Client.ServerRoot, model ?? state.Capabilities.Model);

    /// <summary>Passes a generation through, measuring it (a cancelled request is not counted).</summary>
    private static async IAsyncEnumerable<MessageChunk> MeasureAsync(
        IAsyncEnumerable<MessageChunk> source, GenerationMeasurement measurement, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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
                catch (OpenCodeException) when (!cancellationToken.IsCancellationRequested)
                {
                    measurement.Fail();
                    throw;
                }

                measurement.Observe(enumerator.Current);
                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
