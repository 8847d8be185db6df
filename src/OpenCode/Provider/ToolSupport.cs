using OpenCode.Pipeline;

namespace OpenCode.Provider;

/// <summary>Refuses tools a server would ignore: nothing a caller asks for is dropped silently.</summary>
internal static class ToolSupport
{
    /// <summary>
    /// Throws CAPABILITY_NOT_SUPPORTED when the request offers tools the model may call and the server reported, for the model the
    /// capabilities describe, that it does not pass tools on. Unknown support (<see langword="null"/>) and other models are left to the server.
    /// </summary>
    public static void RefuseWithoutTools(MessageRequest request, string? model, BackendDescription backend)
    {
        var capabilities = backend.Capabilities;
        if (request.Tools.Count == 0 || request.ToolChoice == ToolChoice.None || capabilities.SupportsTools != false
            || (model is not null && model != backend.DefaultModel && model != capabilities.Model))
        {
            return;
        }

        var why = capabilities.Dialect switch
        {
            Models.ServerDialects.LlamaCpp =>
                "llama-server reports a chat template that does not render tools (chat_template_caps.supports_tools is false), so it would drop them; start it with --jinja and a model whose template supports tools, or pass one with --chat-template-file",
            Models.ServerDialects.Ollama => "Ollama does not list the 'tools' capability for it",
            _ => "the server reports no tool support for it",
        };
        throw new OpenCodeException(
            OpenCodeErrorCodes.CapabilityNotSupported, $"The request offers {request.Tools.Count} tool(s), but model '{model ?? capabilities.Model}' cannot take them: {why}.");
    }
}
