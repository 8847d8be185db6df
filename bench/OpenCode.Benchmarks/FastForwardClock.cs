using System.Diagnostics;

namespace OpenCode.Benchmarks;

/// <summary>
/// The system clock moved forward by a chosen amount: a scale run covers hours of a service's life in seconds, so the
/// per-minute limits do not hold it back and every per-period table (ledger buckets, limiter windows) sees time pass.
/// Timers still run on real time.
/// </summary>
internal sealed class FastForwardClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Offset.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
}
