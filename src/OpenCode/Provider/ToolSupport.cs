using OpenCode.Pipeline;

namespace OpenCode.Provider;

/// <summary>Refuses tools a server would ignore, and maps the tool choice to what each dialect honours: nothing is dropped silently.</summary>
internal static class ToolSupport
{
    /// <summary>
    /// llama-server reads <c>tool_choice</c> as a string only (an object falls back to <c>auto</c>), so a named function is sent as
    /// <c>required</c> with that function alone. Ollama's OpenAI-compatible endpoint has no <c>tool_choice</c>: <c>none</c> is sent as no
    /// tools, and a required call, which it cannot enforce, is refused.
    /// </summary>
    public static MessageRequest ForDialect(MessageRequest request, string dialect)
    {
        if (request.Tools.Count == 0 || request.ToolChoice is not { } choice || choice == ToolChoice.Auto)
        {
            return request;
        }

        if (dialect == Models.ServerDialects.LlamaCpp && choice.FunctionName is { } name)
        {
            var tool = request.Tools.FirstOrDefault(t => t.Name == name) ?? throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest, $"ToolChoice names the function '{name}', which is not among the request's Tools ({string.Join(", ", request.Tools.Select(t => t.Name))}).");
            return request with { Tools = [tool], ToolChoice = ToolChoice.Required };
        }

        if (dialect == Models.ServerDialects.Ollama)
        {
            return choice == ToolChoice.None
                ? request with { Tools = [], ToolChoice = null }
                : throw new OpenCodeException(
                    OpenCodeErrorCodes.CapabilityNotSupported, "ToolChoice requires a tool call, which Ollama's OpenAI-compatible endpoint cannot enforce (it has no tool_choice); use ToolChoice.Auto.");
        }

        return request;
    }

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
