namespace OpenCode;

/// <summary>A message passed through <see cref="ILlmPort"/>.</summary>
/// <param name="Role">Who wrote it: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Content">Its text.</param>
public sealed record LlmMessage(string Role, string Content)
{
    /// <summary>Gets the tool calls of an assistant message: asked for by the model on answers, already made in a history.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the id of the call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Gets why the generation ended, on answers from <see cref="ILlmPort.CompleteAsync"/>.</summary>
    public FinishReason? FinishReason { get; init; }

    /// <summary>Gets the tokens used, on answers from <see cref="ILlmPort.CompleteAsync"/>.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Gets the model that answered.</summary>
    public string? Model { get; init; }
}
