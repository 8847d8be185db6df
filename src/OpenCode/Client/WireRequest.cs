namespace OpenCode.Client;

/// <summary>A request resolved for the wire: the endpoint kind, the model, and the text to send.</summary>
/// <param name="Kind">Chat or plain completion.</param>
/// <param name="Model">The model id; <see langword="null"/> lets a single-model server choose.</param>
/// <param name="Request">The caller's request (sampling settings, messages, prompt).</param>
/// <param name="Prompt">The prompt for a plain completion (the request's, or messages rendered as text).</param>
internal sealed record WireRequest(WireRequestKind Kind, string? Model, MessageRequest Request, string? Prompt = null);

/// <summary>Which OpenAI-compatible endpoint a request goes to.</summary>
internal enum WireRequestKind
{
    /// <summary><c>/v1/chat/completions</c>.</summary>
    Chat,

    /// <summary><c>/v1/completions</c>.</summary>
    Completion,
}
