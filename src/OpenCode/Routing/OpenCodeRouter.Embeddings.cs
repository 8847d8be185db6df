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
        var route = new OpenedRoute();
        while (Pick(model, route.Tried) is { } state)
        {
            route.Tried.Add(state);
            RouterLog.Routed(_logger, model ?? "(default)", state.Name);
            var start = _time.GetTimestamp();
            state.Begin();
            try
            {
                var result = await state.Instance.GenerateEmbeddingsAsync(request with { Model = model }, cancellationToken).ConfigureAwait(false);
                Succeeded(state, model, start, route);
                _counters.Record(state, result.Model ?? model, result.Usage);
                return result with { Route = new RouteInfo(state.Name, route.Attempts, FromCache: false, null) };
            }
            catch (OpenCodeException error) when (!cancellationToken.IsCancellationRequested && FailureClassification.FailsOver(error))
            {
                FailedOver(state, model, start, error, route);
            }
            finally
            {
                state.End();
            }
        }

        throw NoInstance(model, route.Attempts, route.LastError);
    }
}
