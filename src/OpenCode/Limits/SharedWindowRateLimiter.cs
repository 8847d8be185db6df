using System.Threading.RateLimiting;
using OpenCode.Storage;

namespace OpenCode.Limits;

/// <summary>
/// A fixed-window limiter whose counter lives in an <see cref="IRateLimitStore"/>, so every process using the same store
/// and key together stays under <see cref="SharedWindowRateLimiterOptions.PermitLimit"/> per window.
/// </summary>
/// <remarks>
/// The store is asked on every acquire, which is I/O: use <see cref="RateLimiter.AcquireAsync"/>. The synchronous
/// <see cref="RateLimiter.AttemptAcquire"/> cannot ask it without blocking, so it fails every lease but one for zero permits.
/// Chain this after the in-process limiters (<see cref="PartitionedRateLimiter.CreateChained{TResource}"/>), so requests
/// the process refuses on its own never reach the store. A store that fails throws from <c>AcquireAsync</c>.
/// </remarks>
internal sealed class SharedWindowRateLimiter : RateLimiter
{
    private readonly IRateLimitStore _store;
    private readonly SharedWindowRateLimiterOptions _options;
    private readonly TimeProvider _time;
    private long _successful;
    private long _failed;
    private long _available;
    private int _waiting;
    private long _lastUsed;

    /// <summary>Initializes a new instance of the <see cref="SharedWindowRateLimiter"/> class.</summary>
    /// <param name="store">The shared counters.</param>
    /// <param name="options">The key, limit, window and wait.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public SharedWindowRateLimiter(IRateLimitStore store, SharedWindowRateLimiterOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        RateLimitWindow.Check(options.Key, 0, options.PermitLimit, options.Window);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PermitLimit, 1, "options.PermitLimit");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWait, TimeSpan.Zero, "options.MaxWait");
        _store = store;

        // A copy: the limits must not change under a running limiter when the caller reuses the options object.
        _options = new SharedWindowRateLimiterOptions { Key = options.Key, PermitLimit = options.PermitLimit, Window = options.Window, MaxWait = options.MaxWait };
        _time = timeProvider ?? TimeProvider.System;
        _available = options.PermitLimit;
        _lastUsed = _time.GetTimestamp();
    }

    /// <summary>Gets the metadata name under which a lease carries when its window resets (a <see cref="DateTimeOffset"/>).</summary>
    public static MetadataName<DateTimeOffset> ResetsAtMetadata { get; } = new("RESETS_AT");

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => Volatile.Read(ref _waiting) > 0 ? null : _time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => new()
    {
        CurrentAvailablePermits = Interlocked.Read(ref _available),
        CurrentQueuedCount = Volatile.Read(ref _waiting),
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        var now = _time.GetUtcNow();
        var resetsAt = RateLimitWindow.StartOf(now, _options.Window) + _options.Window;
        return permitCount == 0 && Interlocked.Read(ref _available) > 0
            ? new SharedWindowLease(true, resetsAt, null, null)
            : Fail(resetsAt, null, "The shared limit is checked in the store; use AcquireAsync.");
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        Interlocked.Exchange(ref _lastUsed, _time.GetTimestamp());
        var deadline = _time.GetUtcNow() + _options.MaxWait;
        while (true)
        {
            var now = _time.GetUtcNow();
            var decision = await _store.TryAcquireAsync(_options.Key, permitCount, _options.PermitLimit, _options.Window, now, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _available, Math.Max(0, _options.PermitLimit - decision.Used));
            if (decision.Acquired)
            {
                Interlocked.Increment(ref _successful);
                return new SharedWindowLease(true, decision.ResetsAt, null, null);
            }

            var retryAfter = decision.ResetsAt - now;
            if (permitCount > _options.PermitLimit)
            {
                return Fail(decision.ResetsAt, null, $"{permitCount} permits exceed the shared limit of {_options.PermitLimit} per window.");
            }

            if (decision.ResetsAt > deadline)
            {
                return Fail(decision.ResetsAt, retryAfter, $"The shared limit of {_options.PermitLimit} per {_options.Window} is used up.");
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(retryAfter, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    private SharedWindowLease Fail(DateTimeOffset resetsAt, TimeSpan? retryAfter, string reason)
    {
        Interlocked.Increment(ref _failed);
        return new SharedWindowLease(false, resetsAt, retryAfter, reason);
    }
}
