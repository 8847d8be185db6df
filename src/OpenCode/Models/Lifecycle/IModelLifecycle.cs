namespace OpenCode.Models.Lifecycle;

/// <summary>What a server that loads and unloads models on request says and does: which models are in memory, load one, unload one.</summary>
internal interface IModelLifecycle
{
    /// <summary>Adds the load state the server reports now (never cached) to each model.</summary>
    Task<IReadOnlyList<ModelInfo>> WithLoadStatesAsync(IReadOnlyList<ModelInfo> models, CancellationToken cancellationToken);

    /// <summary>Loads a model and returns once it is loaded.</summary>
    Task LoadAsync(string model, CancellationToken cancellationToken);

    /// <summary>Asks the server to release a model's memory.</summary>
    Task UnloadAsync(string model, CancellationToken cancellationToken);
}
