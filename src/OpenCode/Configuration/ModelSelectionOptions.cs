namespace OpenCode.Configuration;

/// <summary>The rule table that maps a task, a priority and a complexity to a model, and the temperature of each task.</summary>
public sealed class ModelSelectionOptions
{
    /// <summary>Gets or sets the rules; the first that matches a request's selection wins.</summary>
    public IList<SelectionRuleOptions> Rules { get; set; } = [];

    /// <summary>Gets or sets the temperature a task gets when the request sets none.</summary>
    public TaskTemperatureOptions Temperatures { get; set; } = new();
}
