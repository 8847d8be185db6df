using System.Diagnostics;
using OpenCode.Pipeline;
using OpenCode.Telemetry;

namespace OpenCode.Limits;

/// <summary>
/// Holds a request until the endpoint's client-side limits allow it (concurrency, queue, requests and tokens per minute), moves it to
/// <c>rateLimits.fallbackModel</c> when its model's budget is spent, settles the tokens reserved with the real usage, and slows new
/// requests down after the server said to wait (RATE_LIMITED with <c>Retry-After</c>).
/// </summary>
internal sealed class RateLimitStage(GenerationStage inner, OpenCodeRateLimiter limiter, EndpointContext endpoint) : ObservingStage(inner)
{
    /// <summary>Lets a server's <c>Retry-After</c> slow the limiter down; the resilience stage calls it for the failures it retries.</summary>
    public static void SlowDownAfter(OpenCodeRateLimiter limiter, Exception failure)
    {
        if (failure is OpenCodeException { Code: OpenCodeErrorCodes.RateLimited, RetryAfter: { } wait })
        {
            limiter.SlowDown(wait);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(OpenCodeRateLimiter) ? limiter : base.GetService(serviceType, serviceKey);

    protected override async ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var model = endpoint.ModelOf(request);
        RateLimitGrant grant;
        OpenCodeTelemetry.QueueLength.Add(1);
        try
        {
            // Vectors of another model do not compare with this one's: embeddings wait or fail, never fall back.
            grant = await limiter.AcquireAsync(model, TokenEstimator.Estimate(request), allowFallback: request.Kind != GenerationKind.Embeddings, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            OpenCodeTelemetry.QueueLength.Add(-1);
        }

        OpenCodeTelemetry.RateLimitWait.Record(grant.Waited.TotalSeconds);
        if (Activity.Current is { Source.Name: OpenCodeTelemetry.ActivitySourceName, IsAllDataRequested: true } activity)
        {
            activity.SetTag("opencode.rate_limit.wait_ms", grant.Waited.TotalMilliseconds);
            activity.SetTag("opencode.fallback", grant.IsFallback);
        }

        if (grant.IsFallback)
        {
            OpenCodeTelemetry.Fallbacks.Add(
                1, new KeyValuePair<string, object?>("gen_ai.request.model", model), new KeyValuePair<string, object?>("opencode.fallback_model", grant.Model));
            request = request with { Model = grant.Model };
        }

        return (request, new Observer(limiter, grant));
    }

    private sealed class Observer(OpenCodeRateLimiter limiter, RateLimitGrant grant) : ChunkObserver
    {
        public override MessageChunk OnChunk(MessageChunk chunk)
        {
            if (!chunk.IsDone)
            {
                return chunk;
            }

            if (chunk.Metadata.Usage is { } usage)
            {
                grant.Settle(usage.TotalTokens);
            }

            // The slot is free once the answer is complete, not when the caller gets round to disposing the stream.
            grant.Dispose();
            return grant.IsFallback && chunk.Metadata.Route is null
                ? chunk with { Metadata = chunk.Metadata with { Route = new RouteInfo(null, [], FromCache: false, FallbackModel: grant.Model) } }
                : chunk;
        }

        public override void OnFailure(Exception exception, bool callerCancelled)
        {
            SlowDownAfter(limiter, exception);
            grant.Dispose();
        }

        public override ValueTask OnEndAsync()
        {
            grant.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
