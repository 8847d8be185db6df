using OpenCode.Local.Gguf;
using OpenCode.Local.TinyModels;

namespace OpenCode.Tests.Local;

public sealed class VocabularyCopyTests
{
    [Theory]
    [InlineData("deepseek-coder")]
    [InlineData("starcoder")]
    [InlineData("llama-spm")]
    public void Build_FromVocabFile_CopiesEveryTokenizerEntryUnchanged(string name)
    {
        string path = RequireVocabulary(name);
        var source = GgufReader.Read(path);

        var (file, _) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Spec(path)));

        foreach (var entry in source.Metadata.Where(e => e.Key.StartsWith("tokenizer.", StringComparison.Ordinal) && e.Key != "tokenizer.chat_template"))
        {
            var copied = file.TryGet(entry.Key).ShouldNotBeNull(entry.Key);
            copied.Type.ShouldBe(entry.Value.Type, entry.Key);
            copied.Value.ShouldBe(entry.Value.Value, entry.Key);
        }

        file.TryGet("llama.vocab_size")!.AsInt64().ShouldBe(source.TryGet("tokenizer.ggml.tokens")!.AsArray<string>().Length);
        file.TryGet("tokenizer.chat_template").ShouldNotBeNull();
    }

    [Fact]
    public void Build_FromDeepSeekCoderVocab_ZeroesRowsOfFimEosAndNonAsciiTokens()
    {
        string path = RequireVocabulary("deepseek-coder");

        var (file, bytes) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Spec(path)));

        string[] tokens = file.TryGet("tokenizer.ggml.tokens")!.AsArray<string>();
        int[] types = file.TryGet("tokenizer.ggml.token_type")!.AsArray<int>();
        float[] output = GgufTestFiles.ReadTensor(file, bytes, "output.weight");
        bool RowIsZero(int id) => output.AsSpan(id * 16, 16).IndexOfAnyExcept(0f) < 0;
        int eos = (int)file.TryGet("tokenizer.ggml.eos_token_id")!.AsInt64();

        RowIsZero(eos).ShouldBeTrue();
        RowIsZero(Array.IndexOf(tokens, "<｜fim▁begin｜>")).ShouldBeTrue();
        RowIsZero(Array.FindIndex(tokens, t => t.Any(c => c > '\u0120'))).ShouldBeTrue();
        RowIsZero(Array.IndexOf(tokens, "return")).ShouldBeFalse();
        int emittable = Enumerable.Range(0, tokens.Length).Count(id => !RowIsZero(id));
        emittable.ShouldBeGreaterThan(1000);
        Enumerable.Range(0, tokens.Length).Where(id => !RowIsZero(id)).ShouldAllBe(id => types[id] == 1);
    }

    [Fact]
    public void FromKnownVocabulary_UnknownName_ThrowsFileNotFoundNamingThePath()
    {
        var exception = Should.Throw<FileNotFoundException>(() => VocabularySource.FromKnownVocabulary("no-such-vocab"));

        exception.Message.ShouldContain("ggml-vocab-no-such-vocab.gguf");
    }

    private static TinyModelSpec Spec(string path) =>
        new() { EmbeddingLength = 16, HeadCount = 2, BlockCount = 1, FeedForwardLength = 16, Vocabulary = VocabularySource.FromVocabFile(path) };

    private static string RequireVocabulary(string name)
    {
        string path = VocabularySource.GetKnownVocabularyPath(name);
        if (!File.Exists(path))
        {
            Assert.Skip($"The {name} vocabulary is not cached at {path}; run eng/build-llama-server.sh to fetch it.");
        }

        return path;
    }
}
