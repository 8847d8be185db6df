using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpenCode.Telemetry;

namespace OpenCode.Tests.Telemetry;

/// <summary>
/// Collects measurements as an exporter would: the OpenCode meter's for one server port (tests run in parallel and share that meter),
/// and every measurement of the other meters named (a test's own Microsoft.Extensions.AI source name).
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Meter, string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MetricRecorder(int port, params string[] otherMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OpenCodeTelemetry.MeterName || otherMeters.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags, port));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags, port));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags, port));
        _listener.Start();
    }

    /// <summary>The values recorded under an instrument name (in any listened meter), optionally only those with a tag value.</summary>
    public List<double> Values(string name, string? tag = null, string? value = null) =>
        [.. _measurements.Where(m => m.Name == name && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)))).Select(m => m.Value)];

    /// <summary>The meters that recorded under an instrument name, one entry per measurement.</summary>
    public List<string> Meters(string name) => [.. _measurements.Where(m => m.Name == name).Select(m => m.Meter)];

    public KeyValuePair<string, object?>[] Tags(string name) => _measurements.First(m => m.Name == name).Tags;

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, int port)
    {
        var copy = tags.ToArray();
        if (instrument.Meter.Name != OpenCodeTelemetry.MeterName || copy.Any(t => t.Key == "server.port" && Equals(t.Value, port)))
        {
            _measurements.Enqueue((instrument.Meter.Name, instrument.Name, value, copy));
        }
    }
}
