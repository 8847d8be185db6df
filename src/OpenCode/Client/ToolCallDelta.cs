namespace OpenCode.Client;

/// <summary>One piece of a streamed tool call: the call's <c>index</c>, and whichever of id, name and an arguments fragment the event carried.</summary>
internal readonly record struct ToolCallDelta(int Index, string? Id, string? Name, string? Arguments);
