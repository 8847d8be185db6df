namespace OpenCode.Completion;

/// <summary>How much code a completion may offer.</summary>
public enum CompletionLineMode
{
    /// <summary>Decided from the cursor: one line in the middle of a line, several at the end of a line or on an empty line.</summary>
    Auto,

    /// <summary>At most the rest of the current line.</summary>
    SingleLine,

    /// <summary>Several lines, up to the end of the cursor's block.</summary>
    MultiLine,
}
