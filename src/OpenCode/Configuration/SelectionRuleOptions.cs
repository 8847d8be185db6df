using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>One rule of the model selection table; a criterion left <see langword="null"/> matches any value.</summary>
public sealed class SelectionRuleOptions
{
    /// <summary>Gets or sets the task it applies to; <see langword="null"/> for any.</summary>
    /// <value>One of chat, code, analysis, creative.</value>
    [AllowedValues(null, "chat", "code", "analysis", "creative", ErrorMessage = "must be one of chat, code, analysis, creative")]
    public string? Task { get; set; }

    /// <summary>Gets or sets the priority it applies to; <see langword="null"/> for any.</summary>
    /// <value>One of speed, balanced, quality.</value>
    [AllowedValues(null, "speed", "balanced", "quality", ErrorMessage = "must be one of speed, balanced, quality")]
    public string? Priority { get; set; }

    /// <summary>Gets or sets the complexity it applies to; <see langword="null"/> for any.</summary>
    /// <value>One of low, medium, high.</value>
    [AllowedValues(null, "low", "medium", "high", ErrorMessage = "must be one of low, medium, high")]
    public string? Complexity { get; set; }

    /// <summary>Gets or sets the model to use.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the temperature for requests this rule selects for, over the task's default; <see langword="null"/> keeps that.</summary>
    /// <value>0 to 2.</value>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; }
}
