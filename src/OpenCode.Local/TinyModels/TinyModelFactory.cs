using OpenCode.Local.Gguf;

namespace OpenCode.Local.TinyModels;

/// <summary>Makes tiny random-weight <c>llama</c>-architecture GGUF models that a real llama-server loads and runs.</summary>
/// <remarks>
/// Unless <see cref="TinyModelSpec.AllowAnyToken"/> is set, only normal printable-ASCII tokens have non-zero
/// <c>output.weight</c> rows, and hidden-state dimension 0 is held at a constant positive value (its embedding is
/// constant and no block writes to it) while those rows weigh it strongly, so allowed tokens out-score the rest by
/// a wide margin under any sampling settings: generations never stop early and never emit broken UTF-8.
/// </remarks>
public static class TinyModelFactory
{
    private const long F16Threshold = 1 << 20;
    private const float AnchorWeight = 8f;

    /// <summary>Writes a model to a file, replacing it if it exists.</summary>
    /// <param name="spec">The model's shape, seed and vocabulary.</param>
    /// <param name="path">Where to write the GGUF file.</param>
    /// <exception cref="ArgumentException">The spec is inconsistent (for example the embedding length is not a multiple of the head count).</exception>
    public static void Write(TinyModelSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = Build(spec);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        writer.Write(stream);
    }

    internal static GgufWriter Build(TinyModelSpec spec)
    {
        Validate(spec);
        var vocabulary = spec.Vocabulary.Load();
        int embd = spec.EmbeddingLength;
        int headDim = embd / spec.HeadCount;
        int kvHeads = spec.KeyValueHeadCount ?? spec.HeadCount;
        int vocabSize = vocabulary.Tokens.Length;

        var writer = new GgufWriter()
            .Add("general.architecture", GgufValue.Of("llama"))
            .Add("general.name", GgufValue.Of(spec.Name))
            .Add("general.alignment", GgufValue.Of((uint)GgufFile.DefaultAlignment))
            .Add("llama.vocab_size", GgufValue.Of((uint)vocabSize))
            .Add("llama.context_length", GgufValue.Of((uint)spec.ContextLength))
            .Add("llama.embedding_length", GgufValue.Of((uint)embd))
            .Add("llama.block_count", GgufValue.Of((uint)spec.BlockCount))
            .Add("llama.feed_forward_length", GgufValue.Of((uint)spec.FeedForwardLength))
            .Add("llama.attention.head_count", GgufValue.Of((uint)spec.HeadCount))
            .Add("llama.attention.head_count_kv", GgufValue.Of((uint)kvHeads))
            .Add("llama.rope.dimension_count", GgufValue.Of((uint)headDim))
            .Add("llama.rope.freq_base", GgufValue.Of(10000f))
            .Add("llama.attention.layer_norm_rms_epsilon", GgufValue.Of(1e-5f));
        foreach (var (key, value) in spec.Sampling)
        {
            // llama.cpp reads top_k and penalty_last_n as integers, the others as floats.
            writer.Add($"general.sampling.{key}", key is "top_k" or "penalty_last_n" ? GgufValue.Of((int)value) : GgufValue.Of(value));
        }
        foreach (var entry in vocabulary.Metadata.Where(entry => entry.Key != "tokenizer.chat_template"))
        {
            writer.Add(entry.Key, entry.Value);
        }

        string? template = spec.ChatTemplate
            ?? vocabulary.Metadata.FirstOrDefault(entry => entry.Key == "tokenizer.chat_template").Value?.AsString();
        writer.Add("tokenizer.chat_template", GgufValue.Of(template ?? ChatMlTemplate.Text));

        var weights = new TinyModelWeights(new Random(spec.Seed), anchored: !spec.AllowAnyToken);
        bool[]? emittable = spec.AllowAnyToken ? null : AsciiOutputFilter.EmittableTokens(vocabulary, spec.EmitHighBytes);
        AddTensor(writer, "token_embd.weight", embd, vocabSize, weights.Embeddings(embd, vocabSize));
        AddTensor(writer, "output_norm.weight", embd, 1, TinyModelWeights.Ones(embd));
        AddTensor(writer, "output.weight", embd, vocabSize, weights.Output(embd, vocabSize, emittable, AnchorWeight));
        for (int block = 0; block < spec.BlockCount; block++)
        {
            string prefix = $"blk.{block}.";
            AddTensor(writer, prefix + "attn_norm.weight", embd, 1, TinyModelWeights.Ones(embd));
            AddTensor(writer, prefix + "attn_q.weight", embd, embd, weights.Matrix(embd, embd));
            AddTensor(writer, prefix + "attn_k.weight", embd, kvHeads * headDim, weights.Matrix(embd, kvHeads * headDim));
            AddTensor(writer, prefix + "attn_v.weight", embd, kvHeads * headDim, weights.Matrix(embd, kvHeads * headDim));
            AddTensor(writer, prefix + "attn_output.weight", embd, embd, weights.ResidualWriter(embd, embd));
            AddTensor(writer, prefix + "ffn_norm.weight", embd, 1, TinyModelWeights.Ones(embd));
            AddTensor(writer, prefix + "ffn_gate.weight", embd, spec.FeedForwardLength, weights.Matrix(embd, spec.FeedForwardLength));
            AddTensor(writer, prefix + "ffn_up.weight", embd, spec.FeedForwardLength, weights.Matrix(embd, spec.FeedForwardLength));
            AddTensor(writer, prefix + "ffn_down.weight", spec.FeedForwardLength, embd, weights.ResidualWriter(spec.FeedForwardLength, embd));
        }

        return writer;
    }

    private static void AddTensor(GgufWriter writer, string name, int rowLength, int rows, float[] data)
    {
        var type = data.LongLength > F16Threshold ? GgufTensorType.F16 : GgufTensorType.F32;
        ulong[] dimensions = rows == 1 ? [(ulong)rowLength] : [(ulong)rowLength, (ulong)rows];
        writer.AddTensor(new GgufTensor(name, dimensions, type, data));
    }

    private static void Validate(TinyModelSpec spec)
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message, nameof(spec));
            }
        }

        Require(spec.EmbeddingLength is >= 8 and <= 8192, "EmbeddingLength must be 8 to 8192.");
        Require(spec.HeadCount is >= 1 && spec.EmbeddingLength % spec.HeadCount == 0, "EmbeddingLength must be a multiple of HeadCount.");
        Require(spec.EmbeddingLength / spec.HeadCount % 2 == 0, "EmbeddingLength / HeadCount (the head size) must be even for RoPE.");
        int kvHeads = spec.KeyValueHeadCount ?? spec.HeadCount;
        Require(kvHeads >= 1 && spec.HeadCount % kvHeads == 0, "HeadCount must be a multiple of KeyValueHeadCount.");
        Require(spec.BlockCount is >= 1 and <= 256, "BlockCount must be 1 to 256.");
        Require(spec.FeedForwardLength is >= 1 and <= 65536, "FeedForwardLength must be 1 to 65536.");
        Require(spec.ContextLength is >= 16 and <= 1_048_576, "ContextLength must be 16 to 1048576.");
        Require(!string.IsNullOrWhiteSpace(spec.Name), "Name must not be empty.");
    }
}
