using System.ComponentModel.DataAnnotations;

namespace OpenCode.Configuration;

/// <summary>
/// What every request to one model gets unless it says otherwise (<see cref="OpenCodeOptions.Profiles"/>): a system prompt, sampling
/// defaults, extra stop sequences, and a post-processor of its answers.
/// </summary>
public sealed class ModelProfileOptions
{
    /// <summary>Gets or sets the model the profile is for: its id, or a prefix ending in <c>*</c> (<c>qwen2.5-coder*</c>).</summary>
    [Required(ErrorMessage = "is required: the model id, or a prefix ending in *")]
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets a system prompt put first in every conversation that has none of its own; <see langword="null"/> adds none.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Gets or sets the temperature of requests that set none; <see langword="null"/> leaves it to the next default.</summary>
    /// <value>Defaults to <see langword="null"/>; 0 to 2.</value>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; }

    /// <summary>Gets or sets the nucleus sampling threshold of requests that set none.</summary>
    /// <value>Defaults to <see langword="null"/>; 0 to 1.</value>
    [Range(0.0, 1.0)]
    public float? TopP { get; set; }

    /// <summary>Gets or sets the most tokens requests that set none may generate.</summary>
    /// <value>Defaults to <see langword="null"/>; 1 to 1048576.</value>
    [Range(1, 1_048_576)]
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets stop sequences added to every request's own.</summary>
    public IList<string> Stop { get; set; } = [];

    /// <summary>Gets or sets how answers are post-processed: <c>none</c>, <c>fence-code</c> (a bare code answer is put in a Markdown fence) or <c>trim</c> (leading and trailing blank space removed).</summary>
    /// <value>Defaults to <c>none</c>.</value>
    [AllowedValues("none", "fence-code", "trim", ErrorMessage = "must be one of none, fence-code, trim")]
    public string PostProcessor { get; set; } = "none";

    /// <summary>Gets a value indicating whether the profile is for <paramref name="model"/>.</summary>
    /// <param name="model">The model id.</param>
    /// <returns><see langword="true"/> when the id is equal, or starts with the prefix before a trailing <c>*</c>.</returns>
    public bool Matches(string model) =>
        Model.EndsWith('*') ? model.StartsWith(Model[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(model, Model, StringComparison.OrdinalIgnoreCase);
}
