using OpenCode.Local.Gguf;
using OpenCode.Local.TinyModels;

namespace OpenCode.Tests.Local;

public sealed class TinyModelFactoryTests
{
    private static readonly TinyModelSpec Small = new() { EmbeddingLength = 16, HeadCount = 2, FeedForwardLength = 32, BlockCount = 1 };

    [Fact]
    public void Build_DefaultSpec_WritesEveryKeyAndTensorLlamaServerNeeds()
    {
        var (file, _) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(new TinyModelSpec { Name = "unit-model", BlockCount = 2 }));

        file.TryGet("general.architecture")!.AsString().ShouldBe("llama");
        file.TryGet("general.name")!.AsString().ShouldBe("unit-model");
        file.Alignment.ShouldBe(32);
        file.TryGet("llama.embedding_length")!.AsInt64().ShouldBe(64);
        file.TryGet("llama.rope.dimension_count")!.AsInt64().ShouldBe(16);
        file.TryGet("llama.context_length")!.AsInt64().ShouldBe(4096);
        file.TryGet("tokenizer.chat_template")!.AsString().ShouldContain("<|im_start|>");
        int vocabSize = file.TryGet("tokenizer.ggml.tokens")!.AsArray<string>().Length;
        file.TryGet("llama.vocab_size")!.AsInt64().ShouldBe(vocabSize);
        string[] perBlock = ["attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down"];
        file.Tensors.Select(t => t.Name).ShouldBe(
            new[] { "token_embd.weight", "output_norm.weight", "output.weight" }
                .Concat(Enumerable.Range(0, 2).SelectMany(b => perBlock.Select(n => $"blk.{b}.{n}.weight"))),
            ignoreOrder: true);
        file.Tensors.Single(t => t.Name == "output.weight").Dimensions.ShouldBe([64UL, (ulong)vocabSize]);
        file.Tensors.ShouldAllBe(t => t.Offset % 32 == 0);
    }

    [Fact]
    public void Build_SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        var (_, first) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small));
        var (_, again) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small));
        var (_, other) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small with { Seed = 7 }));

        again.ShouldBe(first);
        other.SequenceEqual(first).ShouldBeFalse();
    }

    [Fact]
    public void Build_BuiltInVocabulary_ZeroesOutputRowsOfEveryTokenThatIsNotPlainAscii()
    {
        var (file, bytes) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small));
        string[] tokens = file.TryGet("tokenizer.ggml.tokens")!.AsArray<string>();
        float[] output = GgufTestFiles.ReadTensor(file, bytes, "output.weight");

        bool RowIsZero(string token)
        {
            int id = Array.IndexOf(tokens, token);
            id.ShouldBeGreaterThanOrEqualTo(0, token);
            return output.AsSpan(id * 16, 16).ToArray().All(v => v == 0);
        }

        foreach (string token in new[] { "<unk>", "<s>", "</s>", "<0x0A>", "<0xE2>", "<fim_prefix>", "<|im_end|>" })
        {
            RowIsZero(token).ShouldBeTrue(token);
        }

        foreach (string token in new[] { "a", "\u2581return", "{", "~" })
        {
            RowIsZero(token).ShouldBeFalse(token);
        }
    }

    [Fact]
    public void Build_AllowAnyToken_LeavesEveryOutputRowRandom()
    {
        var (file, bytes) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small with { AllowAnyToken = true }));
        int vocabSize = file.TryGet("tokenizer.ggml.tokens")!.AsArray<string>().Length;
        float[] output = GgufTestFiles.ReadTensor(file, bytes, "output.weight");

        Enumerable.Range(0, vocabSize).ShouldAllBe(id => output.AsSpan(id * 16, 16).ToArray().Any(v => v != 0));
    }

    [Theory]
    [InlineData(FimTokenStyle.StarCoder, "<fim_prefix>", 6)]
    [InlineData(FimTokenStyle.CodeLlama, "<PRE>", 3)]
    [InlineData(FimTokenStyle.None, null, 0)]
    public void Build_FimStyle_SetsTheFimTokenIds(FimTokenStyle style, string? prefixToken, int fimKeys)
    {
        var (file, _) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small with { Vocabulary = VocabularySource.BuiltIn(style) }));
        string[] tokens = file.TryGet("tokenizer.ggml.tokens")!.AsArray<string>();

        file.Metadata.Count(m => m.Key.StartsWith("tokenizer.ggml.fim_", StringComparison.Ordinal)).ShouldBe(fimKeys);
        if (prefixToken is not null)
        {
            tokens[(int)file.TryGet("tokenizer.ggml.fim_pre_token_id")!.AsInt64()].ShouldBe(prefixToken);
        }
        else
        {
            tokens.ShouldNotContain(t => t.Contains("fim", StringComparison.OrdinalIgnoreCase) || t == "<PRE>");
        }
    }

    [Fact]
    public void Build_CustomChatTemplate_IsWritten()
    {
        var (file, _) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(Small with { ChatTemplate = "{{ messages }}" }));

        file.TryGet("tokenizer.chat_template")!.AsString().ShouldBe("{{ messages }}");
    }

    [Theory]
    [InlineData(30, 4)]
    [InlineData(24, 8)]
    [InlineData(4, 1)]
    public void Build_InconsistentShape_ThrowsNamingTheSetting(int embeddingLength, int headCount)
    {
        var exception = Should.Throw<ArgumentException>(() =>
            TinyModelFactory.Build(Small with { EmbeddingLength = embeddingLength, HeadCount = headCount }));

        exception.Message.ShouldContain("EmbeddingLength");
    }

    [Fact]
    public void Build_LargeMatrices_AreWrittenAsF16()
    {
        var (file, _) = GgufTestFiles.WriteAndRead(TinyModelFactory.Build(new TinyModelSpec { EmbeddingLength = 2048, HeadCount = 16, BlockCount = 1, FeedForwardLength = 64 }));

        file.Tensors.Single(t => t.Name == "token_embd.weight").Type.ShouldBe((uint)GgufTensorType.F16);
        file.Tensors.Single(t => t.Name == "output_norm.weight").Type.ShouldBe((uint)GgufTensorType.F32);
    }
}
