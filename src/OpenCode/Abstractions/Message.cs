namespace OpenCode;

/// <summary>One message of a conversation.</summary>
/// <param name="Role">Who wrote it.</param>
/// <param name="Content">Its text.</param>
public sealed record Message(MessageRole Role, string Content)
{
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
}
