namespace OpenCode.Client;

/// <summary>Enforces the first-token, idle-between-chunks and total timeouts of one request, and records which one fired.</summary>
/// <remarks>
/// A per-chunk <see cref="Touch"/> only stores a timestamp the caller already has (the time of the read); a timer checks the deadlines a few times per shortest timeout,
/// which keeps the streaming hot path free of timer updates.
/// </remarks>
internal sealed class RequestWatchdog : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _cts;
    private readonly ITimer _timer;
    private readonly long _start;
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _idle;
    private readonly TimeSpan _total;
    private long _lastActivity;
    private int _firstTokenSeen;
    private int _fired;

    public RequestWatchdog(TimeProvider timeProvider, TimeSpan firstToken, TimeSpan idle, TimeSpan total, CancellationToken callerToken)
    {
        _timeProvider = timeProvider;
        _firstToken = firstToken;
        _idle = idle;
        _total = total;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _start = _lastActivity = timeProvider.GetTimestamp();
        var shortest = TimeSpan.FromTicks(Math.Min(firstToken.Ticks, Math.Min(idle.Ticks, total.Ticks)));
        var period = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 8, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _timer = timeProvider.CreateTimer(static state => ((RequestWatchdog)state!).Check(), this, period, period);
    }

    /// <summary>Gets the token that cancels the request when the caller cancels or a timeout fires.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Gets the timeout that fired, or <see langword="null"/>.</summary>
    public OpenCodeTimeoutKind? Fired => Volatile.Read(ref _fired) is var fired and > 0 ? (OpenCodeTimeoutKind)(fired - 1) : null;

    /// <summary>Gets the time since the request started.</summary>
    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_start);

    /// <summary>Notes that data arrived: the first call ends the first-token wait, each call restarts the idle wait.</summary>
    /// <param name="timestamp">When the data arrived, a <see cref="TimeProvider.GetTimestamp"/> value of this watchdog's clock.</param>
    public void Touch(long timestamp)
    {
        Volatile.Write(ref _lastActivity, timestamp);
        if (_firstTokenSeen == 0)
        {
            Volatile.Write(ref _firstTokenSeen, 1);
        }
    }

    /// <summary>Returns a message naming the timeout that fired and its limit.</summary>
    public string Describe(OpenCodeTimeoutKind kind) => kind switch
    {
        OpenCodeTimeoutKind.FirstToken => $"no response or first token within the first-token timeout of {_firstToken.TotalMilliseconds:0} ms",
        OpenCodeTimeoutKind.Idle => $"no data for longer than the idle timeout of {_idle.TotalMilliseconds:0} ms between chunks",
        OpenCodeTimeoutKind.Total => $"the request took longer than its cap of {_total.TotalMilliseconds:0} ms (maxRequestDuration)",
        _ => "the connect timeout expired",
    };

    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }

    private void Check()
    {
        var now = _timeProvider.GetTimestamp();
        if (_timeProvider.GetElapsedTime(_start, now) >= _total)
        {
            Fire(OpenCodeTimeoutKind.Total);
        }
        else if (Volatile.Read(ref _firstTokenSeen) == 0)
        {
            if (_timeProvider.GetElapsedTime(_start, now) >= _firstToken)
            {
                Fire(OpenCodeTimeoutKind.FirstToken);
            }
        }
        else if (_timeProvider.GetElapsedTime(Volatile.Read(ref _lastActivity), now) >= _idle)
        {
            Fire(OpenCodeTimeoutKind.Idle);
        }
    }

    private void Fire(OpenCodeTimeoutKind kind)
    {
        if (Interlocked.CompareExchange(ref _fired, (int)kind + 1, 0) == 0)
        {
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request ended while the timer ran.
            }
        }
    }
}
