namespace OpenCode;

/// <summary>Why a generation ended, as the server said (extensible: unknown server values are kept).</summary>
/// <param name="Value">The server's value, for example <c>stop</c>.</param>
public readonly record struct FinishReason(string Value)
{
    /// <summary>Gets the reason for a natural end or a stop sequence.</summary>
    public static FinishReason Stop { get; } = new("stop");

    /// <summary>Gets the reason for hitting the token limit.</summary>
    public static FinishReason Length { get; } = new("length");

    /// <summary>Gets the reason for the model asking to call tools.</summary>
    public static FinishReason ToolCalls { get; } = new("tool_calls");

    /// <summary>Gets the reason for a content filter stopping the output.</summary>
    public static FinishReason ContentFilter { get; } = new("content_filter");

    /// <summary>
    /// Gets the reason reported when the server ended the stream (<c>[DONE]</c>) after some output without ever saying why the
    /// generation ended: the text may be complete or cut short; a warning is logged.
    /// </summary>
    public static FinishReason Unreported { get; } = new("unreported");

    /// <summary>Returns the well-known instance for a server value, so that no string is allocated for the usual ones.</summary>
    /// <param name="value">The UTF-8 value from the wire.</param>
    /// <returns>The reason.</returns>
    internal static FinishReason FromUtf8(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("stop"u8) => Stop,
        _ when value.SequenceEqual("length"u8) => Length,
        _ when value.SequenceEqual("tool_calls"u8) => ToolCalls,
        _ when value.SequenceEqual("content_filter"u8) => ContentFilter,
        _ when value.SequenceEqual("eos"u8) => Stop,
        _ => new FinishReason(System.Text.Encoding.UTF8.GetString(value)),
    };

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
