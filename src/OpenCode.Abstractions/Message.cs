namespace OpenCode;

/// <summary>One message of a conversation.</summary>
/// <param name="Role">Who wrote it.</param>
/// <param name="Content">Its text.</param>
public sealed record Message(MessageRole Role, string Content)
{
    /// <summary>Gets the tool calls an assistant message made (its <see cref="Content"/> may then be empty).</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets the images of a user message, each an <c>http(s)</c> URL or a <c>data:</c> URI; sent to models with vision only.</summary>
    public IReadOnlyList<string> ImageUrls { get; init; } = [];

    /// <summary>Gets the id of the tool call a <see cref="MessageRole.Tool"/> message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Creates a system message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static Message System(string content) => new(MessageRole.System, content);

    /// <summary>Creates a user message.</summary>
    /// <param name="content">The text.</param>
    /// <returns>The message.</returns>
    public static Message User(string content) => new(MessageRole.User, content);

    /// <summary>Creates an assistant message.</summary>
    /// <param name="content">The text.</param>
    /// <returns>The message.</returns>
    public static Message Assistant(string content) => new(MessageRole.Assistant, content);

    /// <summary>Creates an assistant message that called tools.</summary>
    /// <param name="toolCalls">The calls.</param>
    /// <param name="content">Any text the assistant wrote besides the calls.</param>
    /// <returns>The message.</returns>
    public static Message AssistantToolCalls(IReadOnlyList<ToolCall> toolCalls, string content = "") => new(MessageRole.Assistant, content) { ToolCalls = toolCalls };

    /// <summary>Creates a tool message: the result of one tool call.</summary>
    /// <param name="toolCallId">The id of the call it answers.</param>
    /// <param name="content">The result, as text (often JSON).</param>
    /// <returns>The message.</returns>
    public static Message ToolResult(string toolCallId, string content) => new(MessageRole.Tool, content) { ToolCallId = toolCallId };
}
