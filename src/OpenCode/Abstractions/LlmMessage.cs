namespace OpenCode;

/// <summary>A message passed through <see cref="ILlmPort"/>.</summary>
/// <param name="Role">Who wrote it: <c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">Its text.</param>
public sealed record LlmMessage(string Role, string Content)
{
    /// <summary>Gets why the generation ended, on answers from <see cref="ILlmPort.CompleteAsync"/>.</summary>
    public FinishReason? FinishReason { get; init; }

    /// <summary>Gets the tokens used, on answers from <see cref="ILlmPort.CompleteAsync"/>.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Gets the model that answered.</summary>
    public string? Model { get; init; }
}
