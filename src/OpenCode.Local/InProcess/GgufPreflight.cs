using OpenCode.Configuration;
using OpenCode.Local.Gguf;

namespace OpenCode.Local.InProcess;

/// <summary>
/// Checks a GGUF file with the library's own reader before native code sees it: a missing, truncated or corrupt file, or one too large
/// for the memory, is a typed error naming the file instead of a crash of the host process.
/// </summary>
internal static class GgufPreflight
{
    private const long WorkingBufferBytes = 64L << 20;

    public static ModelFacts Check(string path, LocalServerOptions options, Func<long> availableMemory)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new OpenCodeModelLoadException(path, $"modelPath: the model file '{path}' does not exist.");
        }

        GgufFile file;
        try
        {
            file = GgufReader.Read(path);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or OverflowException or ArgumentException
            or InvalidCastException or OutOfMemoryException or FormatException)
        {
            throw new OpenCodeModelLoadException(path, $"modelPath: '{path}' is not a readable GGUF file (truncated or corrupt header): {ex.Message}", ex);
        }

        RequireData(path, file, info.Length);
        var facts = Describe(path, file, info.Length, options.ContextSize);
        long available = availableMemory();
        if (facts.RequiredBytes > available)
        {
            throw new OpenCodeModelLoadException(
                path,
                $"modelPath: '{path}' needs about {Mib(facts.RequiredBytes)} MiB (weights {Mib(facts.FileSize)} MiB and a context of {facts.ContextSize} tokens) " +
                $"but only {Mib(available)} MiB of memory is available; set localServer.contextSize lower or use a smaller model.")
            {
                RequiredBytes = facts.RequiredBytes,
                AvailableBytes = available,
            };
        }

        return facts;
    }

    private static void RequireData(string path, GgufFile file, long length)
    {
        if (file.Tensors.Count == 0)
        {
            throw new OpenCodeModelLoadException(path, $"modelPath: '{path}' has no tensors (a vocabulary-only GGUF cannot generate).");
        }

        // The last tensor must end inside the file; sizes are known for f32 and f16, others at least must start inside it.
        var last = file.Tensors.MaxBy(t => t.Offset)!;
        long elementBytes = last.Type switch { (uint)GgufTensorType.F32 => 4, (uint)GgufTensorType.F16 => 2, _ => 0 };
        long end = file.DataOffset + (long)last.Offset + ((long)last.ElementCount * elementBytes);
        if (end > length || file.DataOffset + (long)last.Offset >= length)
        {
            throw new OpenCodeModelLoadException(path, $"modelPath: '{path}' is truncated: its tensors need {end} bytes but the file has {length}.");
        }
    }

    private static ModelFacts Describe(string path, GgufFile file, long length, int? configuredContext)
    {
        string architecture = file.TryGet("general.architecture")?.AsString()
            ?? throw new OpenCodeModelLoadException(path, $"modelPath: '{path}' names no general.architecture.");
        long Int(string key, long fallback) => file.TryGet($"{architecture}.{key}")?.AsInt64() ?? fallback;

        int training = (int)Int("context_length", 4096);
        int context = configuredContext ?? training;
        long embedding = Int("embedding_length", 0);
        long heads = Math.Max(1, Int("attention.head_count", 1));
        long kvHeads = Int("attention.head_count_kv", heads);
        long layers = Int("block_count", 0);

        // f16 keys and values for every layer and position.
        long kvBytes = context * layers * 2 * (embedding / heads * kvHeads) * 2;
        int vocabulary = file.TryGet("tokenizer.ggml.tokens") is { } tokens ? ((Array)tokens.Value).Length : 0;
        bool fim = file.TryGet("tokenizer.ggml.fim_pre_token_id") is not null && file.TryGet("tokenizer.ggml.fim_suf_token_id") is not null
            && file.TryGet("tokenizer.ggml.fim_mid_token_id") is not null;
        return new ModelFacts(
            path,
            Path.GetFileNameWithoutExtension(path),
            architecture,
            training,
            context,
            file.TryGet("tokenizer.chat_template")?.AsString(),
            fim,
            vocabulary,
            file.Tensors.Sum(t => (long)t.ElementCount),
            length,
            length + kvBytes + WorkingBufferBytes);
    }

    private static long Mib(long bytes) => bytes >> 20;
}
