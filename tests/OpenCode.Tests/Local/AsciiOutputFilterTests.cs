using OpenCode.Local.Gguf;
using OpenCode.Local.TinyModels;

namespace OpenCode.Tests.Local;

public sealed class AsciiOutputFilterTests
{
    [Theory]
    [InlineData("return", true)]
    [InlineData("{}", true)]
    [InlineData("\u2581the", true)]
    [InlineData("", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("a\tb", false)]
    [InlineData("\u0120the", false)]
    public void IsPlainAscii_SentencePieceSpace_AcceptsOnlyPrintableAscii(string text, bool expected) =>
        AsciiOutputFilter.IsPlainAscii(text, '\u2581').ShouldBe(expected);

    [Fact]
    public void EmittableTokens_MarkersSpecialIdsAndNonNormalTypes_AreExcluded()
    {
        string[] tokens = ["ok", "<|endoftext|>", "<b>", "x", "<0x41>", "y", "<"];
        int[] types = [1, 1, 1, 3, 6, 1, 1];
        var vocabulary = new TokenizerData(
            [new("tokenizer.ggml.eos_token_id", GgufValue.Of(5u))], tokens, types, "gpt2");

        AsciiOutputFilter.EmittableTokens(vocabulary).ShouldBe([true, false, false, false, false, false, true]);
    }
}
