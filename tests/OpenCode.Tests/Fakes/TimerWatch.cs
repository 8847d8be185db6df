using Microsoft.Extensions.Time.Testing;

namespace OpenCode.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> seen through a window onto its timers: how many are live, and a task that completes when one
/// is created with a given due time, so a test can tell "the code is waiting on the clock" without waiting on the wall clock.
/// </summary>
public sealed class TimerWatch(FakeTimeProvider clock) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<Waiter> _waiters = [];
    private int _active;

    public FakeTimeProvider Clock { get; } = clock;

    public int ActiveTimers => Volatile.Read(ref _active);

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    /// <summary>
    /// Completes when <paramref name="count"/> timers whose due time matches have been created from now on: take it before the code
    /// that should start waiting, then await it instead of giving that code wall-clock time.
    /// </summary>
    public Task TimerCreated(Func<TimeSpan, bool> match, int count = 1)
    {
        var waiter = new Waiter(match, count);
        lock (_gate)
        {
            _waiters.Add(waiter);
        }

        return waiter.Created.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _active);
        var timer = new Watched(Clock.CreateTimer(callback, state, dueTime, period), this);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(dueTime)))
            {
                if (--waiter.Left == 0)
                {
                    waiter.Created.TrySetResult();
                }
            }
        }

        return timer;
    }

    private sealed class Waiter(Func<TimeSpan, bool> match, int count)
    {
        public Func<TimeSpan, bool> Match { get; } = match;

        public TaskCompletionSource Created { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Left { get; set; } = count;
    }

    private sealed class Watched(ITimer inner, TimerWatch owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._active);
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
