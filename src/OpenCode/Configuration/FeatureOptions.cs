namespace OpenCode.Configuration;

/// <summary>Which features are on.</summary>
public sealed class FeatureOptions
{
    /// <summary>Gets or sets a value indicating whether answers are streamed from the server.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Streaming { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether code completion (fill in the middle) is offered.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CodeCompletion { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether code analysis is offered.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CodeAnalysis { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether requests may carry extra server-specific parameters.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool CustomParameters { get; set; } = true;
}
