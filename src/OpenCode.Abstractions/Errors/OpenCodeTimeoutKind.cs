namespace OpenCode;

/// <summary>Which of the request timeouts expired.</summary>
public enum OpenCodeTimeoutKind
{
    /// <summary>Opening the connection took too long.</summary>
    Connect,

    /// <summary>The response headers or the first token took too long.</summary>
    FirstToken,

    /// <summary>The gap between two chunks of a stream was too long.</summary>
    Idle,

    /// <summary>The whole request took too long.</summary>
    Total,
}
