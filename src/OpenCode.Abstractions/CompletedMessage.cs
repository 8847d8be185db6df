namespace OpenCode;

/// <summary>A whole answer gathered from a stream of <see cref="MessageChunk"/>s.</summary>
public sealed class CompletedMessage
{
    /// <summary>Gets the answer's text.</summary>
    public required string Content { get; init; }

    /// <summary>Gets the reasoning text, when the model produced any.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>Gets the tool calls the model asked for (<see cref="FinishReason.ToolCalls"/>); empty when there are none.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets why the generation ended.</summary>
    public required FinishReason FinishReason { get; init; }

    /// <summary>Gets the server's id and creation time of the answer, when it sent them.</summary>
    public ResponseIdentity? Response { get; init; }

    /// <summary>Gets the model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the tokens used.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Gets the time from the call to the first chunk with text, when there was one.</summary>
    public TimeSpan? TimeToFirstToken { get; init; }

    /// <summary>Gets how a router served the answer, or <see langword="null"/> without a router.</summary>
    public RouteInfo? Route { get; init; }
}
