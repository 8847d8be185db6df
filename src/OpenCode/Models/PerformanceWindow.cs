namespace OpenCode.Models;

/// <summary>The most recent samples of one model on one endpoint (a ring buffer).</summary>
internal sealed class PerformanceWindow(int window)
{
    private readonly PerformanceSample[] _ring = new PerformanceSample[window];
    private readonly Lock _lock = new();
    private long _count;

    public void Add(PerformanceSample sample)
    {
        lock (_lock)
        {
            _ring[_count++ % _ring.Length] = sample;
        }
    }

    public ModelPerformance Summarize(Uri endpoint, string model)
    {
        PerformanceSample[] samples;
        lock (_lock)
        {
            samples = _ring[..(int)Math.Min(_count, _ring.Length)];
        }

        var ok = samples.Where(s => !s.Failed).ToArray();
        var firsts = ok.Select(s => s.FirstToken).OfType<TimeSpan>().Order().ToArray();
        var latencies = ok.Select(s => s.Latency).Order().ToArray();
        var generating = ok.Where(s => s.CompletionTokens > 0 && s.FirstToken is { } f && s.Latency > f).ToArray();
        return new ModelPerformance
        {
            Endpoint = endpoint,
            Model = model,
            Requests = samples.Length,
            Errors = samples.Length - ok.Length,
            TimeToFirstTokenP50 = Percentile(firsts, 0.50),
            TimeToFirstTokenP95 = Percentile(firsts, 0.95),
            LatencyP50 = Percentile(latencies, 0.50),
            LatencyP95 = Percentile(latencies, 0.95),
            LatencyP99 = Percentile(latencies, 0.99),
            TokensPerSecond = generating.Length == 0
                ? null
                : generating.Sum(s => s.CompletionTokens) / generating.Sum(s => (s.Latency - s.FirstToken!.Value).TotalSeconds),
        };
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static TimeSpan? Percentile(TimeSpan[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
