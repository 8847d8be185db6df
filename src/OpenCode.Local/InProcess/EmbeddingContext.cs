using LLama.Native;

namespace OpenCode.Local.InProcess;

/// <summary>
/// A second llama.cpp context on a loaded model, made for embeddings: pooled per sequence as the model says (mean for a model that names
/// none, as <c>llama-server --pooling mean</c>), and normalised to unit length (Euclidean), as llama-server's <c>/v1/embeddings</c> answers.
/// Made on the first embeddings request and kept with the model; used only under the model's lease, one request at a time.
/// </summary>
internal sealed class EmbeddingContext : IDisposable
{
    // llama.cpp pools a sequence only when all its tokens are in one micro-batch, so the micro-batch bounds the longest input.
    private const int MaxTokens = 2048;

    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();

    private EmbeddingContext(SafeLLamaContextHandle context, string modelName)
    {
        _context = context;
        ModelName = modelName;
    }

    public string ModelName { get; }

    public LLamaPoolingType Pooling => _context.PoolingType;

    public static EmbeddingContext Create(LoadedModel model, int threads)
    {
        var context = Make(model, threads, LLamaPoolingType.Unspecified);
        if (context.PoolingType is LLamaPoolingType.None or LLamaPoolingType.Unspecified)
        {
            // A generative model names no pooling: llama.cpp would hand back one vector per token. Average them, as llama-server --pooling mean does.
            context.Dispose();
            context = Make(model, threads, LLamaPoolingType.Mean);
        }

        return new EmbeddingContext(context, model.Facts.Name);
    }

    /// <summary>The unit-length embedding of <paramref name="tokens"/>.</summary>
    public float[] Embed(LLamaToken[] tokens, CancellationToken cancellationToken)
    {
        var limit = (int)_context.BatchSize;
        if (tokens.Length > limit)
        {
            throw new OpenCodeContextLengthException(
                $"An embeddings input has {tokens.Length} tokens but '{ModelName}' embeds at most {limit} in this process.")
            {
                PromptTokens = tokens.Length,
                ContextWindow = limit,
            };
        }

        cancellationToken.ThrowIfCancellationRequested();
        _context.MemoryClear(true);
        _batch.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            _batch.Add(tokens[i], i, LLamaSeqId.Zero, true);
        }

        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.ServerError, $"llama.cpp could not compute the embedding of an input of '{ModelName}': {result}.");
        }

        var vector = _context.GetEmbeddingsSeq(LLamaSeqId.Zero).ToArray();
        Normalize(vector);
        return vector;
    }

    public void Dispose() => _context.Dispose();

    private static SafeLLamaContextHandle Make(LoadedModel model, int threads, LLamaPoolingType pooling)
    {
        var size = (uint)Math.Min(model.Facts.ContextSize, MaxTokens);
        var parameters = LLamaContextParams.Default();
        parameters.n_ctx = size;
        parameters.n_batch = size;
        parameters.n_ubatch = size;
        parameters.n_seq_max = 1;
        parameters.embeddings = true;
        parameters.llama_pooling_type = pooling;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;

        return SafeLLamaContextHandle.Create(model.Model, parameters);
    }

    private static void Normalize(Span<float> vector)
    {
        double sum = 0;
        foreach (var value in vector)
        {
            sum += (double)value * value;
        }

        if (sum > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(sum));
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] *= scale;
            }
        }
    }
}
