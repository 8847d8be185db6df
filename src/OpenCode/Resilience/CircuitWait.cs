using Polly.CircuitBreaker;

namespace OpenCode.Resilience;

/// <summary>
/// Lets a request that met an open circuit wait, bounded, for it to let calls through again instead of failing at once: until the
/// break ends (the request then makes Polly's one trial call, or meets another request's), and while the trial call runs, until its outcome.
/// </summary>
/// <remarks>
/// Polly's breaker admits one trial call when half-open and rejects the rest; without this, every request that arrives during a break or
/// a trial call fails with <c>CIRCUIT_OPEN</c>, although a single local server that recovered would answer them a moment later.
/// </remarks>
internal sealed class CircuitWait(TimeProvider timeProvider)
{
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Gets what reads the circuit's state; given to Polly's breaker.</summary>
    public CircuitBreakerStateProvider State { get; } = new();

    /// <summary>Gets a task that completes at the circuit's next change of state; take it before the call that may be rejected.</summary>
    public Task NextChange => Volatile.Read(ref _changed).Task;

    /// <summary>Wakes every waiter; called by the breaker when the circuit opens, half-opens or closes.</summary>
    public void OnChanged() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    /// <summary>
    /// Waits until trying again may succeed: the break has ended, or the circuit changed (the trial call's outcome). Returns
    /// <see langword="false"/> at once when that cannot happen before <paramref name="deadline"/>: the break outlasts it, or it has passed.
    /// </summary>
    /// <param name="changed">What <see cref="NextChange"/> was before the rejected call, so a change in between is not missed.</param>
    /// <param name="rejected">Polly's rejection; its <see cref="BrokenCircuitException.RetryAfter"/> is what is left of the break.</param>
    /// <param name="deadline">When the request stops waiting.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>Whether to call again.</returns>
    public async ValueTask<bool> WaitAsync(Task changed, BrokenCircuitException rejected, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var left = deadline - timeProvider.GetUtcNow();
        var breakLeft = rejected.RetryAfter ?? TimeSpan.Zero;
        var wait = State.CircuitState switch
        {
            // Closed again meanwhile: call at once.
            CircuitState.Closed => TimeSpan.Zero,

            // Wake when the break ends; waiting is pointless when it ends after the deadline.
            CircuitState.Open when breakLeft <= left => breakLeft,

            // Another request's trial call is running: its outcome wakes us, or the time Polly admits the next trial call.
            CircuitState.HalfOpen when left > TimeSpan.Zero => breakLeft > TimeSpan.Zero && breakLeft < left ? breakLeft : left,
            _ => (TimeSpan?)null,
        };
        if (wait is not { } delay)
        {
            return false;
        }

        if (delay > TimeSpan.Zero)
        {
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(changed, Task.Delay(delay, timeProvider, stopDelay.Token)).ConfigureAwait(false);
            await stopDelay.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
