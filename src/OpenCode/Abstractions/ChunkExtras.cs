namespace OpenCode;

/// <summary>The parts of a <see cref="MessageChunk"/> only a few chunks carry (tool calls, the server's identity of the answer).</summary>
internal sealed record ChunkExtras(IReadOnlyList<ToolCall>? ToolCalls, ResponseIdentity? Response)
{
    public static ChunkExtras None { get; } = new(null, null);
}
