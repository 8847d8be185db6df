namespace OpenCode.Client;

/// <summary>The property names the stream parser acts on.</summary>
internal enum StreamProperty : byte
{
    Other,
    Choices,
    Model,
    Usage,
    Timings,
    Error,
    Delta,
    Message,
    Text,
    FinishReason,
    Content,
    ReasoningContent,
    Reasoning,
    ToolCalls,
    Index,
    Stop,
    StopType,
    Object,
    Id,
    Created,
}
