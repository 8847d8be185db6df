using OpenCode.Configuration;

namespace OpenCode.Routing.Selection;

/// <summary>Maps a <see cref="ModelSelection"/> to a model and a temperature with the rule table of <c>routing.selection</c>.</summary>
internal sealed class ModelSelector(ModelSelectionOptions options)
{
    /// <summary>Returns the first rule's model (or <see langword="null"/> when no rule matches) and the temperature for the selection.</summary>
    public (string? Model, float Temperature) Select(ModelSelection selection)
    {
        var task = Name(selection.Task);
        var priority = Name(selection.Priority);
        var complexity = Name(selection.Complexity);
        foreach (var rule in options.Rules)
        {
            if (Matches(rule.Task, task) && Matches(rule.Priority, priority) && Matches(rule.Complexity, complexity))
            {
                return (rule.Model, rule.Temperature ?? DefaultTemperature(selection.Task));
            }
        }

        return (null, DefaultTemperature(selection.Task));
    }

    private float DefaultTemperature(ModelTask task) => task switch
    {
        ModelTask.Code => options.Temperatures.Code,
        ModelTask.Analysis => options.Temperatures.Analysis,
        ModelTask.Creative => options.Temperatures.Creative,
        _ => options.Temperatures.Chat,
    };

    private static bool Matches(string? criterion, string value) => criterion is null || string.Equals(criterion, value, StringComparison.OrdinalIgnoreCase);

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString();
}
