namespace OpenCode;

/// <summary>How the model may use the tools of a request.</summary>
public enum ToolChoiceKind
{
    /// <summary>The model decides whether to call tools.</summary>
    Auto,

    /// <summary>The model must not call tools.</summary>
    None,

    /// <summary>The model must call at least one tool.</summary>
    Required,

    /// <summary>The model must call the one named function.</summary>
    Function,
}
