namespace OpenCode.Limits;

/// <summary>One model's requests and tokens per minute, each a bucket that refills continuously over a minute.</summary>
/// <remarks>
/// Not <c>TokenBucketRateLimiter</c>: its replenishment reads <c>Stopwatch</c> even when driven by hand, so it ignores the injected
/// <see cref="TimeProvider"/>, and it cannot take back the unused part of a token reservation.
/// </remarks>
internal sealed class ModelBudget(int requestsPerMinute, int tokensPerMinute, TimeProvider timeProvider) : IDisposable
{
    public TokenBudget Requests { get; } = new(requestsPerMinute, TimeSpan.FromMinutes(1), timeProvider);

    public TokenBudget Tokens { get; } = new(tokensPerMinute, TimeSpan.FromMinutes(1), timeProvider);

    public void Dispose()
    {
        Requests.Dispose();
        Tokens.Dispose();
    }
}
