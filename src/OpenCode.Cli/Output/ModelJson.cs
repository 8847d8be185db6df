using OpenCode.Families;
using OpenCode.Models;

namespace OpenCode.Cli.Output;

/// <summary>One model in <c>models --json</c>.</summary>
/// <remarks>
/// <c>contextWindow</c> is the context the server runs the model with (llama.cpp <c>/props</c>, for the loaded model), else the model's own.
/// <c>family</c> and the capabilities come from the provider's detection for the loaded model, else from the model's id and base model.
/// </remarks>
internal sealed record ModelJson(
    string Id,
    string Family,
    string Dialect,
    int? ContextWindow,
    int? TrainingContextWindow,
    long? ParameterCount,
    long? SizeBytes,
    string? OwnedBy,
    string? BaseModel,
    bool? SupportsChat,
    bool? SupportsFillInTheMiddle,
    ModelCapabilities? Capabilities)
{
    /// <summary>Gets the instance that serves the model, when <c>instances</c> are configured; else <see langword="null"/>.</summary>
    public string? Instance { get; init; }

    /// <summary>Gets whether the model is in memory (unloaded, loading, loaded, sleeping, failed), where the server says; else <see langword="null"/>.</summary>
    public string? State { get; init; }

    public static ModelJson From(ModelInfo model, ServerProperties? properties, int modelCount, ProviderCapabilities capabilities, DiscoveredModel? discovered)
    {
        var loaded = IsLoaded(model.Id, properties, modelCount) || model.Id == capabilities.Model;
        var family = loaded ? ModelFamily.FromId(capabilities.Family) ?? ModelFamily.Unknown
            : ModelFamily.FromId(discovered?.Family) ?? ModelFamilyDetector.Detect(new ModelFamilyHints { Id = model.Id, BaseModel = model.BaseModel });
        return new(
            model.Id,
            family.Id,
            capabilities.Dialect,
            (IsLoaded(model.Id, properties, modelCount) ? properties!.ContextWindow : null) ?? model.ContextWindow ?? model.TrainingContextWindow,
            model.TrainingContextWindow,
            model.ParameterCount,
            model.SizeBytes,
            model.OwnedBy,
            model.BaseModel,
            loaded ? capabilities.SupportsChat : discovered?.Capabilities.ChatTemplate,
            loaded ? capabilities.SupportsFillInTheMiddle : discovered?.Capabilities.CodeCompletion ?? (family.Fim is not null ? true : family.IsKnown ? false : null),
            discovered?.Capabilities)
        {
            State = model.LoadState?.ToString().ToLowerInvariant(),
        };
    }

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
