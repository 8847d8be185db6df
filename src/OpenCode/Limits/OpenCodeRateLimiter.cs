using System.Threading.RateLimiting;
using OpenCode.Collections;
using OpenCode.Configuration;
using OpenCode.Storage;

namespace OpenCode.Limits;

/// <summary>
/// The client-side limits of one endpoint: concurrent requests with a bounded queue (the server's slots), and per model
/// requests and tokens per minute. A request waits up to <see cref="RateLimitOptions.QueueTimeout"/>, then moves to
/// <see cref="RateLimitOptions.FallbackModel"/>, then fails with RATE_LIMITED and a <see cref="OpenCodeException.RetryAfter"/>.
/// </summary>
/// <remarks>
/// Thread-safe. Slots and the bounded queue are a <see cref="ConcurrencyLimiter"/> of <c>System.Threading.RateLimiting</c>; the
/// per-minute budgets are buckets driven by the injected <see cref="TimeProvider"/> (see <see cref="ModelBudget"/>).
/// </remarks>
internal sealed class OpenCodeRateLimiter : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly int _requestsPerMinute;
    private readonly int _tokensPerMinute;
    private readonly bool _perMinuteLimited;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrencyLimiter _slots;
    private readonly int _slotCount;
    // Bounded: past 256 models the least recently used budget is forgotten (one unused for a minute is full again anyway).
    private readonly RecentlyUsedTable<string, ModelBudget> _budgets = new(comparer: StringComparer.Ordinal);
    private readonly IRateLimitStore? _sharedStore;
    private readonly string _sharedScope;
    private readonly RecentlyUsedTable<string, SharedWindowRateLimiter> _shared = new(comparer: StringComparer.Ordinal);
    private long _pausedUntilUtcTicks;

    /// <summary>Initializes a new instance of the <see cref="OpenCodeRateLimiter"/> class.</summary>
    /// <param name="options">The limits.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> uses the system clock.</param>
    /// <param name="sharedStore">
    /// Counters shared with other processes (PostgreSQL for a fleet): requests and tokens per minute are then also taken from a
    /// fleet-wide fixed window per model, so all app instances together stay under the limits; <see langword="null"/> limits this process only.
    /// </param>
    /// <param name="sharedScope">What the shared counters are keyed by besides the model (the endpoint).</param>
    public OpenCodeRateLimiter(RateLimitOptions options, TimeProvider? timeProvider = null, IRateLimitStore? sharedStore = null, string sharedScope = "default")
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _sharedStore = sharedStore;
        _sharedScope = sharedScope;
        _timeProvider = timeProvider ?? TimeProvider.System;
        // An unset limit is no limit: a bucket or slot count too large to bite (an unlimited ConcurrencyLimiter still counts requests in flight).
        _slotCount = options.ConcurrentRequests ?? int.MaxValue;
        _requestsPerMinute = options.RequestsPerMinute ?? int.MaxValue;
        _tokensPerMinute = options.TokensPerMinute ?? int.MaxValue;
        _perMinuteLimited = options.RequestsPerMinute is not null || options.TokensPerMinute is not null;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _slotCount,
            QueueLimit = options.MaxQueueSize,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for permission to send one request to <paramref name="model"/>.</summary>
    /// <param name="model">The model the request names.</param>
    /// <param name="estimatedTokens">The tokens to reserve: the prompt estimate plus the most the request may generate.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The grant; dispose it when the request ends, and settle it with the real usage.</returns>
    /// <exception cref="OpenCodeException">QUEUE_FULL when the queue is full; RATE_LIMITED (with RetryAfter) when the wait ran out.</exception>
    public async ValueTask<RateLimitGrant> AcquireAsync(string model, long estimatedTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var start = _timeProvider.GetTimestamp();
        // With no queue timeout nothing waits (each wait checks it), and a source cancelled from the start would fail even the shared store's first try.
        using var deadline = _options.QueueTimeout > 0 ? new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.QueueTimeout), _timeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var slot = await AcquireSlotAsync(linked.Token, cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitOutPauseAsync(linked.Token, cancellationToken).ConfigureAwait(false);
            var reserved = Math.Clamp(estimatedTokens, 1, _tokensPerMinute);
            var budget = BudgetFor(model);
            if (await TryTakeAsync(budget, reserved, linked.Token, cancellationToken).ConfigureAwait(false) is not { } retryAfter)
            {
                await TakeSharedAsync(model, budget, reserved, linked.Token, cancellationToken).ConfigureAwait(false);
                return new RateLimitGrant(model, false, reserved, _timeProvider.GetElapsedTime(start), slot, budget.Tokens);
            }

            if (_options.FallbackModel is { Length: > 0 } fallback && fallback != model && TryTakeNow(BudgetFor(fallback), reserved))
            {
                await TakeSharedAsync(fallback, BudgetFor(fallback), reserved, linked.Token, cancellationToken).ConfigureAwait(false);
                return new RateLimitGrant(fallback, true, reserved, _timeProvider.GetElapsedTime(start), slot, BudgetFor(fallback).Tokens);
            }

            throw new OpenCodeRateLimitException(
                $"The client-side limits of model '{model}' ({Limit(_options.RequestsPerMinute)} requests, {Limit(_options.TokensPerMinute)} tokens per minute) were spent and " +
                $"the request waited {_options.QueueTimeout} ms (rateLimits.queueTimeout){(_options.FallbackModel is { Length: > 0 } ? $"; the fallback model '{_options.FallbackModel}' had none left either" : string.Empty)}.",
                retryAfter: retryAfter);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>Pauses new requests after the server said to wait (a 429 with <c>Retry-After</c>).</summary>
    /// <param name="retryAfter">How long the server asked to wait.</param>
    public void SlowDown(TimeSpan retryAfter)
    {
        var until = (_timeProvider.GetUtcNow() + retryAfter).UtcTicks;
        long current;
        while ((current = Interlocked.Read(ref _pausedUntilUtcTicks)) < until
            && Interlocked.CompareExchange(ref _pausedUntilUtcTicks, until, current) != current)
        {
        }
    }

    /// <summary>Reads what the limiter holds now.</summary>
    /// <returns>The snapshot.</returns>
    public RateLimiterSnapshot GetSnapshot()
    {
        var statistics = _slots.GetStatistics();
        var paused = Interlocked.Read(ref _pausedUntilUtcTicks);
        return new RateLimiterSnapshot(
            // Slots held are the limit minus the free ones: the limiter itself is the one count of requests in flight.
            _slotCount - (int)(statistics?.CurrentAvailablePermits ?? _slotCount),
            statistics?.CurrentQueuedCount ?? 0,
            statistics?.CurrentAvailablePermits ?? 0,
            paused > _timeProvider.GetUtcNow().UtcTicks ? new DateTimeOffset(paused, TimeSpan.Zero) : null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _slots.Dispose();
        foreach (var (_, budget) in _budgets.Entries)
        {
            budget.Dispose();
        }

        foreach (var (_, shared) in _shared.Entries)
        {
            shared.Dispose();
        }
    }

    /// <summary>Takes the request and its tokens from the fleet-wide windows too; gives the local ones back when the fleet has none left.</summary>
    private async ValueTask TakeSharedAsync(string model, ModelBudget budget, long tokens, CancellationToken waitToken, CancellationToken callerToken)
    {
        if (_sharedStore is null || !_perMinuteLimited)
        {
            return;
        }

        TimeSpan? retryAfter = null;
        try
        {
            using var requestLease = await Shared($"requests:{_sharedScope}:{model}", _requestsPerMinute).AcquireAsync(1, waitToken).ConfigureAwait(false);
            if (requestLease.IsAcquired)
            {
                using var tokenLease = await Shared($"tokens:{_sharedScope}:{model}", _tokensPerMinute)
                    .AcquireAsync((int)Math.Min(tokens, int.MaxValue), waitToken).ConfigureAwait(false);
                if (tokenLease.IsAcquired)
                {
                    return;
                }

                retryAfter = tokenLease.TryGetMetadata(MetadataName.RetryAfter, out var tokenWait) ? tokenWait : null;
            }
            else
            {
                retryAfter = requestLease.TryGetMetadata(MetadataName.RetryAfter, out var requestWait) ? requestWait : null;
            }
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
        }

        budget.Requests.Settle(1, 0);
        budget.Tokens.Settle(tokens, 0);
        throw new OpenCodeRateLimitException(
            $"The fleet-wide limits of model '{model}' ({Limit(_options.RequestsPerMinute)} requests, {Limit(_options.TokensPerMinute)} tokens per minute, shared through the store) are spent for this minute.",
            retryAfter: retryAfter);
    }

    private SharedWindowRateLimiter Shared(string key, long limit) =>
        _shared.GetOrAdd(key, static (name, state) => new SharedWindowRateLimiter(
            state.Self._sharedStore!,
            new SharedWindowRateLimiterOptions { Key = name, PermitLimit = state.Limit, Window = TimeSpan.FromMinutes(1), MaxWait = TimeSpan.FromMilliseconds(state.Self._options.QueueTimeout) },
            state.Self._timeProvider), (Self: this, Limit: limit));

    private ModelBudget BudgetFor(string model) =>
        _budgets.GetOrAdd(model, static (_, self) => new ModelBudget(
            self._requestsPerMinute, self._tokensPerMinute, self._timeProvider), this);

    private static string Limit(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited";

    private async ValueTask<RateLimitLease> AcquireSlotAsync(CancellationToken waitToken, CancellationToken callerToken)
    {
        var lease = _slots.AttemptAcquire(1);
        if (!lease.IsAcquired && _options.QueueTimeout > 0)
        {
            lease.Dispose();
            try
            {
                lease = await _slots.AcquireAsync(1, waitToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                throw new OpenCodeRateLimitException(
                    $"No concurrency slot came free within {_options.QueueTimeout} ms (rateLimits.queueTimeout); {_options.ConcurrentRequests} requests are in flight (rateLimits.concurrentRequests).");
            }

            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw new OpenCodeException(
                    OpenCodeErrorCodes.QueueFull,
                    $"The client-side queue is full: {_options.MaxQueueSize} requests (rateLimits.maxQueueSize) already wait for one of {_options.ConcurrentRequests} slots.");
            }
        }
        else if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new OpenCodeRateLimitException($"All {_options.ConcurrentRequests} concurrency slots are busy and rateLimits.queueTimeout is 0, so the request does not wait.");
        }

        return lease;
    }

    private async ValueTask WaitOutPauseAsync(CancellationToken waitToken, CancellationToken callerToken)
    {
        var remaining = new DateTimeOffset(Interlocked.Read(ref _pausedUntilUtcTicks), TimeSpan.Zero) - _timeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        if (remaining > TimeSpan.FromMilliseconds(_options.QueueTimeout))
        {
            // Waiting out the queue timeout first would only delay the same answer.
            throw PausedTooLong(remaining);
        }

        try
        {
            await Task.Delay(remaining, _timeProvider, waitToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            throw PausedTooLong(remaining);
        }
    }

    private OpenCodeRateLimitException PausedTooLong(TimeSpan remaining) => new(
        $"The server asked to wait {remaining.TotalSeconds:0.#} s (Retry-After), longer than rateLimits.queueTimeout ({_options.QueueTimeout} ms).",
        retryAfter: remaining);

    /// <summary>Takes the tokens, then a request permit, waiting for both; returns <see langword="null"/> on success, else how long until they would be there.</summary>
    private async ValueTask<TimeSpan?> TryTakeAsync(ModelBudget budget, long tokens, CancellationToken waitToken, CancellationToken callerToken)
    {
        if (TryTakeNow(budget, tokens))
        {
            return null;
        }

        if (_options.QueueTimeout == 0)
        {
            return EstimateWait(budget, tokens);
        }

        var tookRequest = false;
        try
        {
            await budget.Requests.TakeAsync(1, waitToken).ConfigureAwait(false);
            tookRequest = true;
            await budget.Tokens.TakeAsync(tokens, waitToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
        }

        if (tookRequest)
        {
            budget.Requests.Settle(1, 0);
        }

        return EstimateWait(budget, tokens);
    }

    private static bool TryTakeNow(ModelBudget budget, long tokens)
    {
        if (!budget.Requests.TryTake(1, out _))
        {
            return false;
        }

        if (!budget.Tokens.TryTake(tokens, out _))
        {
            budget.Requests.Settle(1, 0);
            return false;
        }

        return true;
    }

    private static TimeSpan EstimateWait(ModelBudget budget, long tokens)
    {
        var requestWait = budget.Requests.TimeUntilAvailable(1);
        var tokenWait = budget.Tokens.TimeUntilAvailable(tokens);
        return requestWait > tokenWait ? requestWait : tokenWait;
    }
}
