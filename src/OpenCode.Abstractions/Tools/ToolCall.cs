namespace OpenCode;

/// <summary>A call of a function the model asked for (an assistant's answer), or one already made (in the history).</summary>
/// <param name="Id">The call's id, which the tool message with its result names in <see cref="Message.ToolCallId"/>.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as a JSON object text, as the model wrote them (checked to be a JSON object on answers).</param>
public sealed record ToolCall(string Id, string Name, string Arguments);
