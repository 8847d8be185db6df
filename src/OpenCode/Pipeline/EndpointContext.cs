namespace OpenCode.Pipeline;

/// <summary>What the stages of one endpoint's pipeline know about it once it is connected.</summary>
/// <param name="Name">The name the usage ledger and alerts give it (an instance's name, or the server's host and port).</param>
/// <param name="Root">The server's root URL (a local server's, in direct mode).</param>
/// <param name="Dialect">The server dialect (<c>llama.cpp</c>, <c>ollama</c>, …), the GenAI provider name.</param>
/// <param name="DefaultModel">The model a request without one is served by.</param>
/// <param name="Credential">The name of the stored credential in use, or <see langword="null"/>.</param>
internal sealed record EndpointContext(string Name, Uri Root, string Dialect, string DefaultModel, string? Credential)
{
    /// <summary>Gets the model a request is served by: its own, else the endpoint's default.</summary>
    public string ModelOf(GenerationRequest request) => request.Model ?? DefaultModel;
}
