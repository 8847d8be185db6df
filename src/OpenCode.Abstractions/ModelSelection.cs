namespace OpenCode;

/// <summary>
/// Asks a router (<c>OpenCodeRouter</c>) to choose the model for a task from its rule table (<c>routing.selection</c>),
/// and the temperature for the task when the request sets none. A request that also names a <see cref="MessageRequest.Model"/> keeps it.
/// </summary>
/// <param name="Task">What the request is for.</param>
/// <param name="Priority">What matters most.</param>
/// <param name="Complexity">How hard the request is.</param>
public sealed record ModelSelection(
    ModelTask Task, SelectionPriority Priority = SelectionPriority.Balanced, TaskComplexity Complexity = TaskComplexity.Medium)
{
    /// <summary>The key of <c>ChatOptions.AdditionalProperties</c> under which an <c>IChatClient</c> caller passes a selection.</summary>
    public const string ChatOptionsKey = "opencode.selection";
}

/// <summary>What a request is for.</summary>
public enum ModelTask
{
    /// <summary>Conversation (default temperature 0.7).</summary>
    Chat,

    /// <summary>Writing or changing code (default temperature 0.2).</summary>
    Code,

    /// <summary>Reading and explaining code or data (default temperature 0.3).</summary>
    Analysis,

    /// <summary>Free writing (default temperature 0.9).</summary>
    Creative,
}

/// <summary>What matters most when choosing a model.</summary>
public enum SelectionPriority
{
    /// <summary>The fastest answer.</summary>
    Speed,

    /// <summary>A balance of speed and quality.</summary>
    Balanced,

    /// <summary>The best answer.</summary>
    Quality,
}

/// <summary>How hard a request is.</summary>
public enum TaskComplexity
{
    /// <summary>Simple.</summary>
    Low,

    /// <summary>Ordinary.</summary>
    Medium,

    /// <summary>Hard.</summary>
    High,
}
