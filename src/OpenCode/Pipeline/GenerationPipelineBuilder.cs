namespace OpenCode.Pipeline;

/// <summary>
/// Composes a generation pipeline: stages added with <see cref="Use(Func{GenerationStage, GenerationStage})"/> wrap the terminal stage,
/// the first added outermost (it sees the caller's request first and the chunks last).
/// </summary>
public sealed class GenerationPipelineBuilder
{
    private readonly List<Func<GenerationStage, GenerationStage>> _stages = [];

    /// <summary>Adds a stage; it is given the stage it wraps and returns the stage that wraps it.</summary>
    /// <param name="stageFactory">Creates the stage around the rest of the pipeline.</param>
    /// <returns>This builder.</returns>
    public GenerationPipelineBuilder Use(Func<GenerationStage, GenerationStage> stageFactory)
    {
        ArgumentNullException.ThrowIfNull(stageFactory);
        _stages.Add(stageFactory);
        return this;
    }

    /// <summary>Adds a stage that runs code around each request without a class of its own.</summary>
    /// <param name="generate">Given the request, the token and the rest of the pipeline, streams the answer.</param>
    /// <returns>This builder.</returns>
    public GenerationPipelineBuilder Use(Func<GenerationRequest, CancellationToken, GenerationStage, IAsyncEnumerable<MessageChunk>> generate)
    {
        ArgumentNullException.ThrowIfNull(generate);
        return Use(inner => new AnonymousGenerationStage(inner, generate));
    }

    /// <summary>Builds the pipeline around <paramref name="terminal"/>.</summary>
    /// <param name="terminal">The stage that talks to the model.</param>
    /// <returns>The outermost stage.</returns>
    public GenerationStage Build(GenerationStage terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var stage = terminal;
        for (var i = _stages.Count - 1; i >= 0; i--)
        {
            stage = _stages[i](stage) ?? throw new InvalidOperationException($"The stage factory at position {i} returned null.");
        }

        return stage;
    }

    private sealed class AnonymousGenerationStage(
        GenerationStage inner, Func<GenerationRequest, CancellationToken, GenerationStage, IAsyncEnumerable<MessageChunk>> generate)
        : DelegatingGenerationStage(inner)
    {
        public override IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
            generate(request, cancellationToken, InnerStage);
    }
}
