using System.Diagnostics.Metrics;
using OpenCode.Collections;

namespace OpenCode.Models;

/// <summary>
/// Collects time to first token, latency, generation speed and errors per model and endpoint, in process, over a window of recent requests;
/// also publishes them on the <c>OpenCode.Models</c> meter.
/// </summary>
/// <remarks>Thread-safe. Keeps the windows of the 256 endpoint and model pairs used most recently (models come and go; a long-running process keeps a bounded table).</remarks>
internal sealed class ModelPerformanceTracker
{
    private static readonly Meter Meter = new("OpenCode.Models");
    private static readonly Histogram<double> FirstToken = Meter.CreateHistogram<double>("opencode.model.time_to_first_token", "s");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("opencode.model.latency", "s");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("opencode.model.errors");
    private readonly RecentlyUsedTable<(Uri, string), PerformanceWindow> _samples = new();
    private readonly int _window;

    /// <summary>Initializes a new instance of the <see cref="ModelPerformanceTracker"/> class.</summary>
    /// <param name="window">How many recent requests per model the statistics cover.</param>
    /// <value>The window defaults to 1000.</value>
    public ModelPerformanceTracker(int window = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
    }

    /// <summary>Records one successful generation.</summary>
    /// <param name="endpoint">The server endpoint.</param>
    /// <param name="model">The model id.</param>
    /// <param name="timeToFirstToken">The time to the first token, or <see langword="null"/> when none came.</param>
    /// <param name="latency">The total time.</param>
    /// <param name="completionTokens">The number of tokens generated.</param>
    public void RecordSuccess(Uri endpoint, string model, TimeSpan? timeToFirstToken, TimeSpan latency, int completionTokens)
    {
        var tags = new KeyValuePair<string, object?>("model", model);
        if (timeToFirstToken is { } first)
        {
            FirstToken.Record(first.TotalSeconds, tags);
        }

        Latency.Record(latency.TotalSeconds, tags);
        For(endpoint, model).Add(new PerformanceSample(false, timeToFirstToken, latency, completionTokens));
    }

    /// <summary>Records one failed request.</summary>
    /// <param name="endpoint">The server endpoint.</param>
    /// <param name="model">The model id.</param>
    /// <param name="latency">The time until it failed.</param>
    public void RecordFailure(Uri endpoint, string model, TimeSpan latency)
    {
        Failures.Add(1, new KeyValuePair<string, object?>("model", model));
        For(endpoint, model).Add(new PerformanceSample(true, null, latency, 0));
    }

    /// <summary>Gets the statistics of every model measured so far, slowest median latency last.</summary>
    /// <returns>One entry per model and endpoint.</returns>
    public IReadOnlyList<ModelPerformance> GetSnapshot() =>
        [.. _samples.Entries.Select(pair => pair.Value.Summarize(pair.Key.Item1, pair.Key.Item2)).OrderBy(p => p.LatencyP50 ?? TimeSpan.MaxValue)];

    private PerformanceWindow For(Uri endpoint, string model) => _samples.GetOrAdd((endpoint, model), static (_, size) => new PerformanceWindow(size), _window);
}
