using OpenCode.Local.Gguf;

namespace OpenCode.Local.TinyModels;

/// <summary>Where a tiny model's tokenizer comes from: a small built-in vocabulary or a real model's vocabulary GGUF.</summary>
public sealed class VocabularySource
{
    private VocabularySource(string? filePath, FimTokenStyle fimStyle)
    {
        FilePath = filePath;
        FimStyle = fimStyle;
    }

    /// <summary>Gets the names <see cref="FromKnownVocabulary"/> accepts: the code-model vocabularies of the llama.cpp source.</summary>
    public static IReadOnlyList<string> KnownVocabularies { get; } = ["deepseek-coder", "starcoder", "qwen2", "llama-spm", "refact"];

    /// <summary>Gets the vocabulary GGUF this source copies, or <see langword="null"/> for the built-in vocabulary.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the FIM tokens of the built-in vocabulary (a vocabulary file brings its own).</summary>
    public FimTokenStyle FimStyle { get; }

    /// <summary>The small built-in SentencePiece-style vocabulary (about 700 tokens) with a chosen set of FIM tokens.</summary>
    /// <param name="fimStyle">The FIM tokens to include; <see cref="FimTokenStyle.None"/> makes a model without FIM.</param>
    /// <returns>The source.</returns>
    public static VocabularySource BuiltIn(FimTokenStyle fimStyle = FimTokenStyle.StarCoder) => new(null, fimStyle);

    /// <summary>Copies every <c>tokenizer.*</c> entry of a vocabulary GGUF (for example llama.cpp's <c>ggml-vocab-starcoder.gguf</c>).</summary>
    /// <param name="path">The vocabulary GGUF.</param>
    /// <returns>The source; the file is read when a model is made.</returns>
    public static VocabularySource FromVocabFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(Path.GetFullPath(path), FimTokenStyle.None);
    }

    /// <summary>Uses a cached llama.cpp vocabulary by name; see <see cref="KnownVocabularies"/>.</summary>
    /// <param name="name">For example <c>deepseek-coder</c>.</param>
    /// <returns>The source.</returns>
    /// <exception cref="FileNotFoundException">The vocabulary is not in the cache (run <c>eng/build-llama-server.sh</c>).</exception>
    public static VocabularySource FromKnownVocabulary(string name)
    {
        string path = GetKnownVocabularyPath(name);
        return File.Exists(path)
            ? FromVocabFile(path)
            : throw new FileNotFoundException($"The '{name}' vocabulary is not cached at {path}; eng/build-llama-server.sh puts it there.", path);
    }

    /// <summary>Gets where the cache keeps a llama.cpp vocabulary GGUF: <c>&lt;cache&gt;/vocab/de3ff81/ggml-vocab-{name}.gguf</c>.</summary>
    /// <param name="name">For example <c>qwen2</c>.</param>
    /// <returns>The path, whether or not the file exists.</returns>
    public static string GetKnownVocabularyPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Path.Combine(LocalEnvironment.System.VocabularyDirectory, $"ggml-vocab-{name}.gguf");
    }

    /// <inheritdoc/>
    public override string ToString() => FilePath is null ? $"built-in ({FimStyle} FIM)" : Path.GetFileName(FilePath);

    internal TokenizerData Load() => FilePath is null
        ? BuiltInVocabulary.Create(FimStyle)
        : TokenizerData.FromGguf(GgufReader.Read(FilePath));
}
