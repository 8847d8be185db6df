using OpenCode.Embeddings;

namespace OpenCode.Routing;

public sealed partial class OpenCodeRouter
{
    /// <inheritdoc />
    /// <remarks>
    /// Sent whole to one healthy instance serving the model (chosen by the load-balancing policy), which batches it through its own pipeline;
    /// a failure moves the whole request to the next such instance (so does CAPABILITY_NOT_SUPPORTED: one without embeddings). There is no fallback model: another model's vectors do not compare.
    /// The result's <see cref="EmbeddingResult.Route"/> names the instance and the attempts.
    /// </remarks>
    public async Task<EmbeddingResult> GenerateEmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        EmbeddingBatches.Validate(request);
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        var model = request.Model ?? _defaultModel;
        var attempts = new List<RouteAttempt>(2);
        var tried = new List<InstanceState>(2);
        OpenCodeException? lastError = null;
        while (Pick(model, tried) is { } state)
        {
            tried.Add(state);
            RouterLog.Routed(_logger, model ?? "(default)", state.Name);
            var start = _time.GetTimestamp();
            state.Begin();
            try
            {
                var result = await state.Instance.GenerateEmbeddingsAsync(request with { Model = model }, cancellationToken).ConfigureAwait(false);
                var latency = _time.GetElapsedTime(start);
                _tracker.RecordSuccess(state, latency);
                attempts.Add(new RouteAttempt(state.Name, model, latency, null, null));
                _counters.Record(state, result.Model ?? model, result.Usage);
                return result with { Route = new RouteInfo(state.Name, attempts, FromCache: false, null) };
            }
            catch (OpenCodeException error) when (!cancellationToken.IsCancellationRequested
                && (FailureClassification.FailsOver(error) || error.Code == OpenCodeErrorCodes.CapabilityNotSupported))
            {
                _tracker.RecordFailure(state, error, FailureClassification.CountsAgainstHealth(error));
                attempts.Add(new RouteAttempt(state.Name, model, _time.GetElapsedTime(start), error.Code, error.Message));
                lastError = error;
                RouterLog.FailingOver(_logger, state.Name, error.Code);
            }
            finally
            {
                state.End();
            }
        }

        throw NoInstance(model, attempts, lastError);
    }
}
