using OpenCode.Models;

namespace OpenCode.Telemetry;

/// <summary>Measures one generation for the <see cref="ModelPerformanceTracker"/>: time to first token, latency, tokens, or failure.</summary>
/// <remarks>Two checks per chunk; recorded once, when the final chunk arrives or the generation fails.</remarks>
internal sealed class GenerationMeasurement(ModelPerformanceTracker tracker, TimeProvider timeProvider, Uri endpoint, string model)
{
    private readonly long _start = timeProvider.GetTimestamp();
    private TimeSpan? _firstToken;
    private bool _recorded;

    public void Observe(MessageChunk chunk)
    {
        if (_firstToken is null && (chunk.Content.Length > 0 || !string.IsNullOrEmpty(chunk.ReasoningContent)))
        {
            _firstToken = timeProvider.GetElapsedTime(_start);
        }

        if (chunk.IsDone && !_recorded)
        {
            _recorded = true;
            tracker.RecordSuccess(endpoint, model, _firstToken, timeProvider.GetElapsedTime(_start), chunk.Metadata.Usage?.CompletionTokens ?? 0);
        }
    }

    /// <summary>Records a failed generation (not a cancelled one: callers only call this for server-side failures).</summary>
    public void Fail()
    {
        if (!_recorded)
        {
            _recorded = true;
            tracker.RecordFailure(endpoint, model, timeProvider.GetElapsedTime(_start));
        }
    }
}
