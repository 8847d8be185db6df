namespace OpenCode.Client;

/// <summary>A whole (non-streamed) answer.</summary>
internal sealed class CompletionResult
{
    /// <summary>Gets the generated text, without any <c>&lt;think&gt;</c> block.</summary>
    public required string Content { get; init; }

    /// <summary>Gets the reasoning text, when the model produced any.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>Gets the tool calls the model asked for (<see cref="FinishReason.ToolCalls"/>); empty when there are none.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets why the generation ended.</summary>
    public required FinishReason FinishReason { get; init; }

    /// <summary>Gets the server's id and creation time of the answer, when it sent them.</summary>
    public ResponseIdentity? Response { get; init; }

    /// <summary>Gets the model that answered, as the server named it.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the tokens used.</summary>
    public required TokenUsage Usage { get; init; }
}
