using OpenCode.Local.Gguf;

namespace OpenCode.Local.TinyModels;

/// <summary>A vocabulary ready to go into a model: its <c>tokenizer.*</c> metadata plus the token texts and types.</summary>
/// <param name="Metadata">The <c>tokenizer.*</c> entries to write.</param>
/// <param name="Tokens">The token texts, by id.</param>
/// <param name="TokenTypes">The llama.cpp token types, by id (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte).</param>
/// <param name="Model">The tokenizer model (<c>llama</c> for SentencePiece, <c>gpt2</c> for byte-level BPE).</param>
internal sealed record TokenizerData(
    IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata,
    string[] Tokens,
    int[] TokenTypes,
    string Model)
{
    public const int NormalTokenType = 1;
    public const int UnknownTokenType = 2;
    public const int ControlTokenType = 3;
    public const int ByteTokenType = 6;

    /// <summary>Gets the ids named by any <c>tokenizer.ggml.*_token_id</c> entry (BOS, EOS, FIM...).</summary>
    public IReadOnlySet<int> SpecialTokenIds => Metadata
        .Where(entry => entry.Key.StartsWith("tokenizer.ggml.", StringComparison.Ordinal)
            && entry.Key.EndsWith("_token_id", StringComparison.Ordinal))
        .Select(entry => (int)entry.Value.AsInt64())
        .ToHashSet();

    /// <summary>Reads a vocabulary from the <c>tokenizer.*</c> entries of a GGUF file.</summary>
    /// <param name="file">The file's metadata.</param>
    /// <returns>The vocabulary.</returns>
    public static TokenizerData FromGguf(GgufFile file)
    {
        var metadata = file.Metadata.Where(entry => entry.Key.StartsWith("tokenizer.", StringComparison.Ordinal)).ToList();
        string[] tokens = file.TryGet("tokenizer.ggml.tokens")?.AsArray<string>()
            ?? throw new InvalidDataException("The GGUF file has no tokenizer.ggml.tokens.");
        int[] types = file.TryGet("tokenizer.ggml.token_type")?.AsArray<int>()
            ?? Enumerable.Repeat(NormalTokenType, tokens.Length).ToArray();
        string model = file.TryGet("tokenizer.ggml.model")?.AsString() ?? "llama";
        return new TokenizerData(metadata, tokens, types, model);
    }
}
