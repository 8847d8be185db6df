using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OpenCode.Resilience;

/// <summary>
/// The Polly pipeline of one endpoint, run around opening a generation up to its first chunk: an overall timeout
/// (<c>resilience.totalTimeout</c>), retries with backoff for transient failures, and the endpoint's circuit breaker.
/// </summary>
/// <remarks>Once the first chunk has reached the caller nothing here runs again, so a generation is never silently restarted.</remarks>
internal sealed class EndpointResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ResilienceOptions _options;
    private readonly Uri _endpoint;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Null when a request that meets an open circuit fails at once: maxWait is 0, or a router fails over instead.
    private readonly CircuitWait? _circuitWait;

    public EndpointResilience(
        ResilienceOptions options, Uri endpoint, TimeProvider timeProvider, Func<double> random, ILogger logger, Action<OpenCodeException>? onRetry = null, bool retries = true)
    {
        _options = options;
        _endpoint = endpoint;
        _time = timeProvider;
        _logger = logger;
        var maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfter);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(TimeSpan.FromMilliseconds(options.TotalTimeout));
        if (retries && options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && FailureClassification.IsRetryable(e, maxRetryAfter)),

                // Polly's own backoff, jitter and cap; the server's Retry-After, where it sent one, wins.
                BackoffType = options.BackoffMultiplier == 1.0 ? DelayBackoffType.Constant : DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(options.BaseDelay),
                MaxDelay = TimeSpan.FromMilliseconds(options.MaxDelay),
                UseJitter = options.UseJitter,
                Randomizer = random,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is OpenCodeException { RetryAfter: { } wait } && wait > TimeSpan.Zero ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is OpenCodeException failure)
                    {
                        ResilienceLog.Retrying(logger, args.AttemptNumber + 1, endpoint, failure.Code, args.RetryDelay.TotalMilliseconds);
                        Telemetry.OpenCodeTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", failure.Code));
                        onRetry?.Invoke(failure);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.CircuitBreaker is { Enabled: true } breaker)
        {
            var circuit = new CircuitWait(timeProvider);
            _circuitWait = retries && breaker.MaxWait > 0 ? circuit : null;
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                StateProvider = circuit.State,
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(breaker.SamplingDuration),
                BreakDuration = TimeSpan.FromMilliseconds(breaker.BreakDuration),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && FailureClassification.CountsAgainstCircuit(e)),
                OnOpened = args =>
                {
                    ResilienceLog.CircuitOpened(logger, endpoint, args.BreakDuration.TotalMilliseconds);
                    circuit.OnChanged();
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    ResilienceLog.CircuitHalfOpened(logger, endpoint);
                    circuit.OnChanged();
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    ResilienceLog.CircuitClosed(logger, endpoint);
                    circuit.OnChanged();
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, fails for good, or the total timeout ends it. A request that meets an open circuit
    /// waits up to <c>circuitBreaker.maxWait</c> for it to let calls through (see <see cref="CircuitWait"/>), then runs the pipeline again.
    /// </summary>
    /// <param name="attempt">Opens the generation and reads its first chunk; gets a token that the total timeout cancels.</param>
    /// <param name="state">The attempt's state.</param>
    /// <param name="cancellationToken">The caller's token: once cancelled nothing is retried.</param>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> attempt, TState state, CancellationToken cancellationToken)
    {
        DateTimeOffset? deadline = null;
        while (true)
        {
            var changed = _circuitWait?.NextChange;
            var (result, rejected) = await TryExecuteAsync(attempt, state, cancellationToken).ConfigureAwait(false);
            if (rejected is null)
            {
                return result!;
            }

            deadline ??= _time.GetUtcNow() + TimeSpan.FromMilliseconds(_options.CircuitBreaker.MaxWait);
            if (_circuitWait is null)
            {
                throw CircuitOpen(rejected);
            }

            ResilienceLog.WaitingForCircuit(_logger, _endpoint, _circuitWait.State.CircuitState.ToString(), (deadline.Value - _time.GetUtcNow()).TotalMilliseconds);
            if (!await _circuitWait.WaitAsync(changed!, rejected, deadline.Value, cancellationToken).ConfigureAwait(false))
            {
                throw CircuitOpen(rejected);
            }
        }
    }

    /// <summary>Runs the pipeline once; a rejection by the open circuit is returned, not thrown, so the caller can wait and call again.</summary>
    private async ValueTask<(TResult? Result, BrokenCircuitException? Rejected)> TryExecuteAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> attempt, TState state, CancellationToken cancellationToken)
    {
        try
        {
            return (await _pipeline.ExecuteAsync(attempt, state, cancellationToken).ConfigureAwait(false), null);
        }
        catch (BrokenCircuitException ex)
        {
            return (default, ex);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OpenCodeTimeoutException(
                $"No first chunk from {_endpoint} within {_options.TotalTimeout} ms over all attempts (resilience.totalTimeout).", OpenCodeTimeoutKind.Total, ex);
        }
    }

    private OpenCodeException CircuitOpen(BrokenCircuitException ex) => new(
        OpenCodeErrorCodes.CircuitOpen,
        $"{_endpoint} failed too often lately, so its circuit is open; try again in {ex.RetryAfter?.TotalSeconds ?? _options.CircuitBreaker.BreakDuration / 1000.0:0.#} s.",
        retryAfter: ex.RetryAfter ?? TimeSpan.FromMilliseconds(_options.CircuitBreaker.BreakDuration),
        innerException: ex);
}
