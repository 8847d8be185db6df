namespace OpenCode;

/// <summary>Whether and which tools the model must call (<c>tool_choice</c> on the wire).</summary>
public sealed record ToolChoice
{
    private ToolChoice(ToolChoiceKind kind, string? functionName)
    {
        Kind = kind;
        FunctionName = functionName;
    }

    /// <summary>Gets the choice that lets the model decide.</summary>
    public static ToolChoice Auto { get; } = new(ToolChoiceKind.Auto, null);

    /// <summary>Gets the choice that forbids tool calls.</summary>
    public static ToolChoice None { get; } = new(ToolChoiceKind.None, null);

    /// <summary>Gets the choice that requires at least one tool call.</summary>
    public static ToolChoice Required { get; } = new(ToolChoiceKind.Required, null);

    /// <summary>Gets the kind of choice.</summary>
    public ToolChoiceKind Kind { get; }

    /// <summary>Gets the function the model must call, for <see cref="ToolChoiceKind.Function"/>.</summary>
    public string? FunctionName { get; }

    /// <summary>Creates the choice that requires a call of one named function.</summary>
    /// <param name="name">The function's name; one of the request's <see cref="MessageRequest.Tools"/>.</param>
    /// <returns>The choice.</returns>
    public static ToolChoice Function(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(ToolChoiceKind.Function, name);
    }
}
