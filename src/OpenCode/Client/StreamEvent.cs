namespace OpenCode.Client;

/// <summary>What one SSE event of a completion stream said; a struct so parsing allocates only the strings it must.</summary>
internal struct StreamEvent
{
    public StreamEventKind Kind;
    public string? Content;
    public string? Reasoning;
    public FinishReason? FinishReason;
    /// <summary>The tool-call deltas of choice 0; <see langword="null"/> on every event without any, so plain text allocates nothing for them.</summary>
    public List<ToolCallDelta>? ToolCalls;
    /// <summary>The usage and timings numbers; only the one or two events that carry them allocate this, which keeps the struct small to copy.</summary>
    public StreamUsage? Usage;
    public string? ErrorJson;
}

/// <summary>The token counts an event reported in <c>usage</c> or llama.cpp's <c>timings</c>.</summary>
internal sealed class StreamUsage
{
    public int? PromptTokens;
    public int? CompletionTokens;
    public int? CachedTokens;
    public int? TimingsPromptTokens;
    public int? TimingsCachedTokens;
    public int? TimingsPredictedTokens;
}

/// <summary>The kinds of event a completion stream carries.</summary>
internal enum StreamEventKind : byte
{
    /// <summary>A chunk object (text, finish reason, usage or nothing of interest).</summary>
    Chunk,

    /// <summary>The <c>[DONE]</c> sentinel.</summary>
    Done,

    /// <summary>A <c>{"error":...}</c> object.</summary>
    Error,

    /// <summary>An event with no data (keep-alive).</summary>
    Empty,
}
