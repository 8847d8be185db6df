namespace OpenCode.Client;

/// <summary>What one SSE event of a completion stream said; a struct so parsing allocates only the strings it must.</summary>
internal struct StreamEvent
{
    public StreamEventKind Kind;
    public string? Content;
    public string? Reasoning;
    public FinishReason? FinishReason;
    public bool HasToolCalls;
    public int? PromptTokens;
    public int? CompletionTokens;
    public int? CachedTokens;
    public int? TimingsPromptTokens;
    public int? TimingsCachedTokens;
    public int? TimingsPredictedTokens;
    public string? ErrorJson;
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
