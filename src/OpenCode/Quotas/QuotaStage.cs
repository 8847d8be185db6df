using OpenCode.Pipeline;

namespace OpenCode.Quotas;

/// <summary>Refuses a request whose endpoint, model or credential has spent its budget, before anything is sent (QUOTA_EXCEEDED).</summary>
internal sealed class QuotaStage(GenerationStage inner, QuotaEnforcer quotas, EndpointContext endpoint) : ObservingStage(inner)
{
    protected override async ValueTask<(GenerationRequest Request, ChunkObserver? Observer)> BeginAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        await quotas.CheckAsync(endpoint.Name, endpoint.ModelOf(request), endpoint.Credential, cancellationToken).ConfigureAwait(false);
        return (request, null);
    }
}
