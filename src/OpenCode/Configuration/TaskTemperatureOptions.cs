using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>The temperature each task gets when a request that asks for a task sets none.</summary>
public sealed class TaskTemperatureOptions
{
    /// <summary>Gets or sets the temperature of chat.</summary>
    /// <value>Defaults to 0.7; 0 to 2.</value>
    [Range(0.0, 2.0)]
    public float Chat { get; set; } = 0.7f;

    /// <summary>Gets or sets the temperature of code.</summary>
    /// <value>Defaults to 0.2; 0 to 2.</value>
    [Range(0.0, 2.0)]
    public float Code { get; set; } = 0.2f;

    /// <summary>Gets or sets the temperature of analysis.</summary>
    /// <value>Defaults to 0.3; 0 to 2.</value>
    [Range(0.0, 2.0)]
    public float Analysis { get; set; } = 0.3f;

    /// <summary>Gets or sets the temperature of creative writing.</summary>
    /// <value>Defaults to 0.9; 0 to 2.</value>
    [Range(0.0, 2.0)]
    public float Creative { get; set; } = 0.9f;
}
