using OpenCode.Models;

namespace OpenCode.Cli.Output;

/// <summary>One model in <c>models --json</c>.</summary>
/// <remarks><c>contextWindow</c> is the context the server runs the model with (llama.cpp <c>/props</c>, for the loaded model), else the model's own.</remarks>
internal sealed record ModelJson(string Id, int? ContextWindow, int? TrainingContextWindow, long? ParameterCount, long? SizeBytes, string? OwnedBy)
{
    public static ModelJson From(ModelInfo model, ServerProperties? properties, int modelCount) => new(
        model.Id,
        (IsLoaded(model.Id, properties, modelCount) ? properties!.ContextWindow : null) ?? model.ContextWindow ?? model.TrainingContextWindow,
        model.TrainingContextWindow,
        model.ParameterCount,
        model.SizeBytes,
        model.OwnedBy);

    /// <summary>Whether <c>/props</c> describes this model: a llama.cpp server serves one model, named by its file or alias.</summary>
    private static bool IsLoaded(string id, ServerProperties? properties, int modelCount)
    {
        if (properties?.ContextWindow is null)
        {
            return false;
        }

        if (modelCount == 1)
        {
            return true;
        }

        return properties.ModelPath is { Length: > 0 } path
            && (id == path || id == Path.GetFileName(path) || id == Path.GetFileNameWithoutExtension(path));
    }
}
