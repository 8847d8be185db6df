namespace OpenCode;

/// <summary>Who wrote a message.</summary>
public enum MessageRole
{
    /// <summary>Instructions for the model.</summary>
    System,

    /// <summary>The person or program asking.</summary>
    User,

    /// <summary>The model.</summary>
    Assistant,

    /// <summary>The result of a tool call.</summary>
    Tool,
}
