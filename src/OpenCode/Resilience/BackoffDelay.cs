using OpenCode.Configuration;

namespace OpenCode.Resilience;

/// <summary>The wait before a retry: the server's <c>Retry-After</c> when it sent one, else exponential backoff with jitter.</summary>
internal sealed class BackoffDelay(ResilienceOptions options, Func<double> random)
{
    /// <summary>Computes the delay before retry number <paramref name="retry"/> (0 for the first retry).</summary>
    public TimeSpan For(int retry, Exception? failure)
    {
        if (failure is OpenCodeException { RetryAfter: { } serverWait } && serverWait > TimeSpan.Zero)
        {
            return serverWait;
        }

        var exponential = options.BaseDelay * Math.Pow(options.BackoffMultiplier, retry);
        var capped = Math.Min(exponential, options.MaxDelay);

        // "Equal jitter": between half and all of the computed delay, so clients spread out but still back off.
        var milliseconds = options.UseJitter ? capped * (0.5 + (0.5 * random())) : capped;
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
