using System.Runtime.CompilerServices;
using System.Text;
using OpenCode.Routing.Caching;
using OpenCode.Routing.Health;
using OpenCode.Routing.Selection;

namespace OpenCode.Routing;

public sealed partial class OpenCodeRouter
{
    /// <inheritdoc />
    /// <remarks>
    /// A failure before the first chunk moves the request to the next healthy instance serving the model (then to
    /// <c>routing.fallbackModel</c>); a failure after it is thrown as it is, never restarted. When no instance can answer the
    /// caller gets an <see cref="OpenCodeNoInstanceAvailableException"/> listing the attempts (or, with <c>routing.cache.offlineFallback</c>,
    /// a cached answer marked <see cref="RouteInfo.Offline"/>).
    /// </remarks>
    public IAsyncEnumerable<MessageChunk> SendMessageAsync(MessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendCoreAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<MessageChunk> SendCoreAsync(MessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        var plan = await _planner.PlanAsync(request, _defaultModel, cancellationToken).ConfigureAwait(false);
        var cacheKey = _cache?.KeyFor(plan.Request);
        if (cacheKey is not null && _cache!.ServesOnline(plan.Request)
            && await _cache.GetAsync(cacheKey, _logger, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            foreach (var chunk in Replay(hit, plan, offline: false))
            {
                yield return chunk;
            }

            yield break;
        }

        var route = await OpenAsync(plan, cancellationToken).ConfigureAwait(false);
        if (route.Stream is null)
        {
            if (cacheKey is not null && _options.Cache.OfflineFallback
                && await _cache!.GetAsync(cacheKey, _logger, cancellationToken).ConfigureAwait(false) is { } offline)
            {
                RouterLog.OfflineAnswer(_logger);
                foreach (var chunk in Replay(offline, plan, offline: true))
                {
                    yield return chunk;
                }

                yield break;
            }

            throw NoInstance(plan.Request.Model, route.Attempts, route.LastError);
        }

        var state = route.State!;
        var stream = route.Stream;
        var answer = cacheKey is not null && _cache!.Stores(plan.Request) ? new StringBuilder() : null;
        try
        {
            var chunk = stream.Current;
            while (true)
            {
                answer?.Append(chunk.Content);
                if (chunk.IsDone)
                {
                    var routeInfo = new RouteInfo(state.Name, route.Attempts, FromCache: false, route.FallbackModel)
                    {
                        SelectedModel = plan.SelectedModel,
                        DroppedMessages = plan.DroppedMessages,
                    };
                    _counters.Record(state, chunk.Metadata.Model ?? route.Model, chunk.Metadata.Usage);
                    if (answer is not null && chunk.FinishReason is { } finish)
                    {
                        await _cache!.SetAsync(cacheKey!, CachedAnswer.From(chunk, answer.ToString(), finish), _logger, cancellationToken).ConfigureAwait(false);
                    }

                    yield return WithRoute(chunk, routeInfo);
                }
                else
                {
                    yield return chunk;
                }

                bool more;
                try
                {
                    more = await stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OpenCodeException error) when (!cancellationToken.IsCancellationRequested)
                {
                    // After the first chunk the caller has part of an answer: report the failure, never restart elsewhere.
                    _tracker.RecordFailure(state, error, FailureClassification.CountsAgainstHealth(error), afterFirstChunk: true);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                chunk = stream.Current;
            }
        }
        finally
        {
            state.End();
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Tries the instances serving the planned model, then the fallback model, until one yields a first chunk.</summary>
    private async Task<OpenedRoute> OpenAsync(RoutePlan plan, CancellationToken cancellationToken)
    {
        var route = new OpenedRoute();
        var fallback = _options.FallbackModel is { Length: > 0 } f && !string.Equals(f, plan.Request.Model, StringComparison.Ordinal) ? f : null;
        foreach (var model in fallback is null ? [plan.Request.Model] : (string?[])[plan.Request.Model, fallback])
        {
            var request = plan.Request.Model == model ? plan.Request : plan.Request with { Model = model };
            while (Pick(model, route.Tried) is { } state)
            {
                route.Tried.Add(state);
                if (await TryOpenAsync(state, request, route, cancellationToken).ConfigureAwait(false))
                {
                    route.FallbackModel = model == fallback ? fallback : null;
                    route.Model = model;
                    return route;
                }
            }
        }

        return route;
    }

    private async Task<bool> TryOpenAsync(InstanceState state, MessageRequest request, OpenedRoute route, CancellationToken cancellationToken)
    {
        RouterLog.Routed(_logger, request.Model ?? "(default)", state.Name);
        var start = _time.GetTimestamp();
        state.Begin();
        var stream = state.Instance.SendMessageAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        OpenCodeException failure;
        try
        {
            if (await stream.MoveNextAsync().ConfigureAwait(false))
            {
                Succeeded(state, request.Model, start, route);
                route.State = state;
                route.Stream = stream;
                return true;
            }

            failure = new OpenCodeException(OpenCodeErrorCodes.StreamInterrupted, $"Instance {state.Name} ended the answer before its first chunk.");
        }
        catch (OpenCodeException error) when (!cancellationToken.IsCancellationRequested && FailureClassification.FailsOver(error))
        {
            failure = error;
        }
        catch
        {
            state.End();
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        state.End();
        await stream.DisposeAsync().ConfigureAwait(false);
        FailedOver(state, request.Model, start, failure, route);
        return false;
    }

    /// <summary>Books an attempt on an instance that answered.</summary>
    private void Succeeded(InstanceState state, string? model, long start, OpenedRoute route)
    {
        var latency = _time.GetElapsedTime(start);
        _tracker.RecordSuccess(state, latency);
        route.Attempts.Add(new RouteAttempt(state.Name, model, latency, null, null));
    }

    /// <summary>Books an attempt whose failure moves the request on to the next instance.</summary>
    private void FailedOver(InstanceState state, string? model, long start, OpenCodeException failure, OpenedRoute route)
    {
        _tracker.RecordFailure(state, failure, FailureClassification.CountsAgainstHealth(failure));
        route.Attempts.Add(new RouteAttempt(state.Name, model, _time.GetElapsedTime(start), failure.Code, failure.Message));
        route.LastError = failure;
        RouterLog.FailingOver(_logger, state.Name, failure.Code);
    }

    /// <summary>Picks among the healthy instances serving <paramref name="model"/> that were not tried yet.</summary>
    private InstanceState? Pick(string? model, List<InstanceState> tried)
    {
        var candidates = new List<InstanceState>(_instances.Length);
        foreach (var state in _instances)
        {
            if (state.Serves(model) && !tried.Contains(state) && HealthTracker.IsAvailable(state))
            {
                candidates.Add(state);
            }
        }

        return candidates.Count == 0 ? null : _policy.Pick(candidates);
    }

    private OpenCodeException NoInstance(string? model, List<RouteAttempt> attempts, OpenCodeException? lastError)
    {
        var subject = model is null ? "the request" : $"model '{model}'";
        var serving = _instances.Where(i => i.Serves(model)).Select(i => i.Name).ToList();
        if (model is not null && serving.Count == 0 && attempts.Count == 0 && _instances.All(i => i.Models is not null))
        {
            return new OpenCodeException(
                OpenCodeErrorCodes.ModelNotFound,
                $"No instance serves model '{model}'; served: {string.Join(", ", _instances.SelectMany(i => i.Models!).Select(m => m.Id).Distinct(StringComparer.Ordinal))}.");
        }

        var tried = attempts.Count == 0
            ? "none could be tried"
            : "tried " + string.Join("; ", attempts.Select(a => $"{a.Instance}: {a.ErrorCode} after {a.Duration.TotalMilliseconds:0} ms"));
        var down = _instances.Where(i => !HealthTracker.IsAvailable(i) || i.Models is null).Select(i => i.Name).ToList();
        return new OpenCodeNoInstanceAvailableException(
            $"No instance could answer {subject}: {tried}; out of rotation: {(down.Count == 0 ? "none" : string.Join(", ", down))}.", attempts, lastError);
    }

    private IEnumerable<MessageChunk> Replay(CachedAnswer answer, RoutePlan plan, bool offline)
    {
        var metadata = new ChunkMetadata(answer.Model, null, _time.GetUtcNow());
        if (answer.Content.Length > 0)
        {
            yield return new MessageChunk { Content = answer.Content, Metadata = metadata };
        }

        var route = new RouteInfo(null, [], FromCache: true, null) { Offline = offline, SelectedModel = plan.SelectedModel, DroppedMessages = plan.DroppedMessages };
        var usage = new TokenUsage(answer.PromptTokens, answer.CompletionTokens, UsageSource.Reported);
        _counters.RecordCacheHit(answer.Model ?? plan.Request.Model);
        yield return new MessageChunk { IsDone = true, FinishReason = new FinishReason(answer.FinishReason), Metadata = metadata with { Usage = usage, Route = route } };
    }

    private static MessageChunk WithRoute(MessageChunk chunk, RouteInfo route) => chunk with { Metadata = chunk.Metadata with { Route = route } };

    /// <summary>The state of one routed request while instances are tried.</summary>
    private sealed class OpenedRoute
    {
        public List<InstanceState> Tried { get; } = new(2);

        public List<RouteAttempt> Attempts { get; } = new(2);

        public InstanceState? State { get; set; }

        public IAsyncEnumerator<MessageChunk>? Stream { get; set; }

        public OpenCodeException? LastError { get; set; }

        public string? Model { get; set; }

        public string? FallbackModel { get; set; }
    }
}
