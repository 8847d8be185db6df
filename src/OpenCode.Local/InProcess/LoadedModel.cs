using LLama.Exceptions;
using LLama.Native;

namespace OpenCode.Local.InProcess;

/// <summary>A model loaded by llama.cpp in this process, with the one context its requests are decoded in (one at a time).</summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly int _threads;
    private EmbeddingContext? _embeddings;

    private LoadedModel(ModelFacts facts, SafeLlamaModelHandle model, SafeLLamaContextHandle context, int threads)
    {
        Facts = facts;
        Model = model;
        Context = context;
        _threads = threads;
    }

    public ModelFacts Facts { get; }

    public SafeLlamaModelHandle Model { get; }

    public SafeLLamaContextHandle Context { get; }

    public SafeLlamaModelHandle.Vocabulary Vocabulary => Model.Vocab;

    /// <summary>Loads the weights and makes the context; native failures become typed errors naming the file.</summary>
    public static LoadedModel Load(ModelFacts facts, int? threads)
    {
        SafeLlamaModelHandle? model = null;
        try
        {
            // Touching NativeApi first makes LLamaSharp pick and load the native variant for this CPU before any handle calls into it.
            NativeApi.llama_empty_call();
            var modelParams = LLamaModelParams.Default();
            modelParams.n_gpu_layers = 0;
            model = SafeLlamaModelHandle.LoadFromFile(facts.Path, modelParams);
            var contextParams = LLamaContextParams.Default();
            contextParams.n_ctx = (uint)facts.ContextSize;
            contextParams.n_batch = (uint)Math.Min(facts.ContextSize, 512);
            contextParams.n_ubatch = contextParams.n_batch;
            contextParams.n_seq_max = 1;
            var count = threads ?? DecodeThreads.Default;
            contextParams.n_threads = count;
            contextParams.n_threads_batch = count;

            var context = SafeLLamaContextHandle.Create(model, contextParams);
            return new LoadedModel(facts, model, context, count);
        }
        catch (Exception ex) when (ex is LoadWeightsFailedException or RuntimeError or DllNotFoundException or EntryPointNotFoundException
            or TypeInitializationException or BadImageFormatException)
        {
            model?.Dispose();
            throw new OpenCodeModelLoadException(
                facts.Path,
                $"modelPath: llama.cpp could not load '{facts.Path}' (architecture '{facts.Architecture}'): {Describe(ex)}",
                ex);
        }
    }

    /// <summary>Gets the context embeddings are computed in, made on first use (only under the model's lease).</summary>
    public EmbeddingContext Embeddings => _embeddings ??= EmbeddingContext.Create(this, _threads);

    public LLamaToken[] Tokenize(string text, bool addBos, bool special) => Model.Tokenize(text, addBos, special, System.Text.Encoding.UTF8);

    public void Dispose()
    {
        _embeddings?.Dispose();
        Context.Dispose();
        Model.Dispose();
    }

    private static string Describe(Exception ex) => ex switch
    {
        DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException =>
            "the native llama.cpp library could not be loaded on this machine (no variant for this CPU or operating system): " + ex.Message,
        LoadWeightsFailedException => "the file's architecture or tensors are not supported by this llama.cpp build, or the file is damaged.",
        _ => ex.Message,
    };
}
