using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenCode.Tests.Telemetry;

/// <summary>The spans of one activity source, as an exporter sees them when they stop.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder(string source)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Every span stopped so far (tests running alongside may add theirs: filter by a tag of your own).</summary>
    public IReadOnlyCollection<Activity> Stopped => _stopped;

    public Activity Single() => _stopped.ShouldHaveSingleItem();

    public void Dispose() => _listener.Dispose();
}
