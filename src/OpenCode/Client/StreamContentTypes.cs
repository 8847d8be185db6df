namespace OpenCode.Client;

/// <summary>What the body of a successful answer to a streamed request is, by its content type.</summary>
internal enum StreamContentKind
{
    /// <summary>An event stream (<c>text/event-stream</c>, or no content type at all).</summary>
    EventStream,

    /// <summary>A whole JSON answer: the server or a proxy ignored <c>stream: true</c>.</summary>
    Json,

    /// <summary>Anything else (an HTML portal page, plain text): not an answer.</summary>
    Other,
}

/// <summary>Classifies the content type of a 200 answer to a streamed request.</summary>
internal static class StreamContentTypes
{
    public static StreamContentKind Classify(string? mediaType) => mediaType switch
    {
        null or "" => StreamContentKind.EventStream,
        _ when mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase) => StreamContentKind.EventStream,
        _ when mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) => StreamContentKind.Json,
        _ => StreamContentKind.Other,
    };
}
