using System.Threading.RateLimiting;

namespace OpenCode.Limits;

/// <summary>One model's requests and tokens per minute.</summary>
/// <remarks>
/// Requests use <see cref="TokenBucketRateLimiter"/> with replenishment driven by the injected <see cref="TimeProvider"/>
/// (the limiter's own timer would ignore a test's clock): one request permit comes back every minute / limit.
/// </remarks>
internal sealed class ModelBudget : IDisposable
{
    private readonly TokenBucketRateLimiter _requests;
    private readonly ITimer _replenish;

    public ModelBudget(int requestsPerMinute, int tokensPerMinute, int maxQueueSize, TimeProvider timeProvider)
    {
        var period = TimeSpan.FromMinutes(1) / requestsPerMinute;
        _requests = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestsPerMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = maxQueueSize,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        RequestPeriod = period;
        Tokens = new TokenBudget(tokensPerMinute, TimeSpan.FromMinutes(1), timeProvider);
        _replenish = timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), _requests, period, period);
    }

    public TokenBudget Tokens { get; }

    public TimeSpan RequestPeriod { get; }

    public long AvailableRequests => _requests.GetStatistics()?.CurrentAvailablePermits ?? 0;

    public ValueTask<RateLimitLease> AcquireRequestAsync(CancellationToken cancellationToken) => _requests.AcquireAsync(1, cancellationToken);

    public RateLimitLease TryAcquireRequest() => _requests.AttemptAcquire(1);

    public void Dispose()
    {
        _replenish.Dispose();
        _requests.Dispose();
        Tokens.Dispose();
    }
}
