using System.Diagnostics;

namespace OpenCode.Provider;

/// <summary>What telemetry says about a generation: the GenAI semantic-convention attributes, none of them sensitive.</summary>
/// <param name="Operation"><c>chat</c> or <c>text_completion</c>.</param>
/// <param name="ProviderName">The server dialect (for example <c>llama.cpp</c>).</param>
/// <param name="RequestModel">The model asked for.</param>
/// <param name="Endpoint">The server.</param>
/// <param name="EndpointName">The name the usage ledger records for the server.</param>
/// <param name="Credential">The name of the credential used, for the ledger, or <see langword="null"/>.</param>
internal sealed record GenerationContext(string Operation, string ProviderName, string RequestModel, Uri Endpoint, string EndpointName, string? Credential = null)
{
    public TagList Tags() => new()
    {
        { "gen_ai.operation.name", Operation },
        { "gen_ai.provider.name", ProviderName },
        { "gen_ai.request.model", RequestModel },
        { "server.address", Endpoint.Host },
        { "server.port", Endpoint.Port },
    };
}
