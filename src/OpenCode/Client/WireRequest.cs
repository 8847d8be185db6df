namespace OpenCode.Client;

/// <summary>A request resolved for the wire: the endpoint kind, the model, and the text to send.</summary>
/// <param name="Kind">Chat or plain completion.</param>
/// <param name="Model">The model id; <see langword="null"/> lets a single-model server choose.</param>
/// <param name="Request">The caller's request (sampling settings, messages, prompt).</param>
/// <param name="Prompt">The prompt for a plain completion (the request's, or messages rendered as text).</param>
/// <param name="Infill">The prefix, suffix and files of a llama.cpp <c>/infill</c> request.</param>
internal sealed record WireRequest(WireRequestKind Kind, string? Model, MessageRequest Request, string? Prompt = null, InfillRequest? Infill = null);

/// <summary>Which OpenAI-compatible endpoint a request goes to.</summary>
internal enum WireRequestKind
{
    /// <summary><c>/v1/chat/completions</c>.</summary>
    Chat,

    /// <summary><c>/v1/completions</c>.</summary>
    Completion,

    /// <summary>llama.cpp's <c>/infill</c> (its native response format).</summary>
    Infill,
}
