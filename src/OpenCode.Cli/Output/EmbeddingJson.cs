namespace OpenCode.Cli.Output;

/// <summary>The <c>--json</c> result of <c>embed</c>: every vector whole, in input order.</summary>
internal sealed record EmbeddingJson(string? Model, UsageJson? Usage, IReadOnlyList<EmbeddingVectorJson> Embeddings)
{
    public static EmbeddingJson From(IReadOnlyList<string> inputs, EmbeddingResult result) => new(
        result.Model,
        result.Usage is { } usage ? UsageJson.From(usage) : null,
        [.. result.Vectors.Select((vector, i) => new EmbeddingVectorJson(i, inputs[i], vector.Length, vector.ToArray()))]);
}

/// <summary>One input's vector.</summary>
internal sealed record EmbeddingVectorJson(int Index, string Input, int Dimensions, float[] Vector);
