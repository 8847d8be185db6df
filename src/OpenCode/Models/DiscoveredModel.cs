namespace OpenCode.Models;

/// <summary>A model found by <see cref="OpenCodeModelManager"/>: the OpenCode API's model object, filled from whatever the server's dialect offers.</summary>
internal sealed record DiscoveredModel
{
    /// <summary>Gets the model id to send in requests.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the version, when the server says.</summary>
    public string? Version { get; init; }

    /// <summary>Gets the family id (for example <c>deepseek-coder</c>), or <c>unknown</c>.</summary>
    public string Family { get; init; } = "unknown";

    /// <summary>Gets the family of the base model a fine-tune derives from (for example <c>starcoder</c> under <c>wizardcoder</c>), or <see langword="null"/> when no source names one.</summary>
    public string? BaseFamily { get; init; }

    /// <summary>Gets the dialect of the server that serves the model (see <see cref="ServerDialects"/>).</summary>
    public required string Dialect { get; init; }

    /// <summary>Gets what the model can do.</summary>
    public ModelCapabilities Capabilities { get; init; } = new();

    /// <summary>Gets the descriptive metadata.</summary>
    public ModelMetadata Metadata { get; init; } = new();

    /// <summary>Gets the technical details.</summary>
    public ModelDetails Details { get; init; } = new();

    /// <summary>Gets whether llama.cpp's <c>/tokenize</c> found the FIM tokens in the vocabulary (so <c>/infill</c> works); <see langword="null"/> when not probed.</summary>
    internal bool? FimTokensInVocabulary { get; init; }

    /// <summary>Gets what identifies the weights behind the id.</summary>
    public ModelFingerprint Fingerprint { get; init; } = new(null, null, null, null);
}
