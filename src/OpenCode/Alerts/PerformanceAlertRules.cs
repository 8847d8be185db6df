using OpenCode.Collections;
using OpenCode.Configuration;

namespace OpenCode.Alerts;

/// <summary>
/// The error-rate and latency alert rules: over each endpoint and model's most recent requests, an alert is raised when
/// the failure share or the 95th-percentile latency crosses its threshold, once per crossing (it re-arms when back under).
/// </summary>
/// <remarks>Windows are kept for the <see cref="RecentlyUsedTable{TKey, TValue}.DefaultCapacity"/> endpoint and model pairs used most recently.</remarks>
internal sealed class PerformanceAlertRules(AlertOptions options, IAlertSink sink, TimeProvider timeProvider)
{
    public const string ErrorRateRule = "requests.error_rate";
    public const string LatencyRule = "requests.latency_p95";

    private readonly RecentlyUsedTable<(string Endpoint, string Model), Window> _windows = new();

    /// <summary>Records one finished request and publishes the alerts it sets off.</summary>
    public ValueTask ObserveAsync(string endpoint, string model, bool failed, TimeSpan latency)
    {
        var window = _windows.GetOrAdd((endpoint, model), static (_, size) => new Window(size), options.Window);
        var (errorRate, latencyP95) = window.Add(failed, latency.TotalMilliseconds);
        if (errorRate is null)
        {
            return ValueTask.CompletedTask;
        }

        AlertEvent? errorAlert = window.Cross(ErrorRateRule, errorRate.Value >= options.ErrorRateThreshold)
            ? new AlertEvent(
                ErrorRateRule, AlertSeverity.Critical, $"{errorRate.Value:P0} of the last {options.Window} requests to {model} at {endpoint} failed.",
                errorRate.Value, options.ErrorRateThreshold, timeProvider.GetUtcNow())
            : null;
        AlertEvent? latencyAlert = window.Cross(LatencyRule, latencyP95 >= options.LatencyThreshold)
            ? new AlertEvent(
                LatencyRule, AlertSeverity.Warning, $"The 95th-percentile latency of the last {options.Window} requests to {model} at {endpoint} is {latencyP95:0} ms.",
                latencyP95!.Value, options.LatencyThreshold, timeProvider.GetUtcNow())
            : null;
        return errorAlert is null && latencyAlert is null ? ValueTask.CompletedTask : PublishAsync(errorAlert, latencyAlert);
    }

    private async ValueTask PublishAsync(AlertEvent? first, AlertEvent? second)
    {
        foreach (var alert in new[] { first, second })
        {
            if (alert is not null)
            {
                await sink.PublishAsync(alert).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A ring of the last requests of one model, and which rules are currently firing for it.</summary>
    private sealed class Window(int size)
    {
        private readonly bool[] _failed = new bool[size];
        private readonly double[] _latencies = new double[size];
        private readonly HashSet<string> _firing = [];
        private int _next;
        private int _count;
        private int _failures;

        public (double? ErrorRate, double? LatencyP95) Add(bool failed, double latencyMs)
        {
            lock (_failed)
            {
                if (_count == size && _failed[_next])
                {
                    _failures--;
                }

                _failed[_next] = failed;
                _latencies[_next] = latencyMs;
                _failures += failed ? 1 : 0;
                _next = (_next + 1) % size;
                _count = Math.Min(_count + 1, size);
                if (_count < size)
                {
                    return (null, null);
                }

                var sorted = (double[])_latencies.Clone();
                Array.Sort(sorted);
                return ((double)_failures / size, sorted[(int)Math.Ceiling(0.95 * size) - 1]);
            }
        }

        /// <summary>Says whether <paramref name="rule"/> has just started to fire (true once per crossing).</summary>
        public bool Cross(string rule, bool over)
        {
            lock (_firing)
            {
                if (over)
                {
                    return _firing.Add(rule);
                }

                _firing.Remove(rule);
                return false;
            }
        }
    }
}
