using OpenCode.Models;

namespace OpenCode.Provider;

public sealed partial class OpenCodeProvider
{
    /// <summary>Gets the performance measured per model and endpoint for the generations of this provider.</summary>
    public ModelPerformanceTracker Performance { get; } = new();

    private GenerationMeasurement StartMeasurement(State state, string? model) =>
        new(Performance, _timeProvider, state.Client.ServerRoot, model ?? state.Capabilities.Model);
}
