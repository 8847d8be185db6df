namespace OpenCode.Models;

/// <summary>Says that the model behind an id changed (digest, modified time, size or parameter count) and its metadata was read again.</summary>
/// <param name="previous">The fingerprint before.</param>
/// <param name="model">The model as it is now.</param>
internal sealed class ModelChangedEventArgs(ModelFingerprint previous, DiscoveredModel model) : EventArgs
{
    /// <summary>Gets the fingerprint before the change.</summary>
    public ModelFingerprint Previous { get; } = previous;

    /// <summary>Gets the model with its refreshed metadata.</summary>
    public DiscoveredModel Model { get; } = model;
}
