namespace OpenCode;

/// <summary>Which endpoint a request goes to.</summary>
public enum CompletionMode
{
    /// <summary>
    /// Chat when the request has messages and the model has a chat template (or the server cannot say);
    /// plain completion when the request has only a <see cref="MessageRequest.Prompt"/>, or the model has no chat template.
    /// </summary>
    Auto,

    /// <summary>Always <c>/v1/chat/completions</c>.</summary>
    Chat,

    /// <summary>Always <c>/v1/completions</c> with a raw prompt.</summary>
    Completion,
}
