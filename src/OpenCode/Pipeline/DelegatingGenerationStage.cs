namespace OpenCode.Pipeline;

/// <summary>
/// A stage that wraps another: by default it passes every call on unchanged, so a stage overrides only what it adds.
/// Write your own by deriving from it and adding it with <see cref="GenerationPipelineBuilder.Use(Func{GenerationStage, GenerationStage})"/>.
/// </summary>
/// <example>
/// A stage that puts a bare code answer in a Markdown fence once the answer is complete:
/// <code>
/// sealed class FenceStage(GenerationStage inner) : DelegatingGenerationStage(inner)
/// {
///     public override async IAsyncEnumerable&lt;MessageChunk&gt; GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken ct = default)
///     {
///         await foreach (var chunk in base.GenerateAsync(request, ct)) { yield return chunk; }
///     }
/// }
/// </code>
/// </example>
public class DelegatingGenerationStage : GenerationStage
{
    /// <summary>Initializes a new instance of the <see cref="DelegatingGenerationStage"/> class.</summary>
    /// <param name="innerStage">The stage this one wraps.</param>
    protected DelegatingGenerationStage(GenerationStage innerStage)
    {
        ArgumentNullException.ThrowIfNull(innerStage);
        InnerStage = innerStage;
    }

    /// <summary>Gets the stage this one wraps.</summary>
    protected GenerationStage InnerStage { get; }

    /// <inheritdoc />
    public override IAsyncEnumerable<MessageChunk> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        InnerStage.GenerateAsync(request, cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        base.GetService(serviceType, serviceKey) ?? InnerStage.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            InnerStage.Dispose();
        }

        base.Dispose(disposing);
    }
}
