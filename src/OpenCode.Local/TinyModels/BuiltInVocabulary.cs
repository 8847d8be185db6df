using System.Globalization;
using OpenCode.Local.Gguf;

namespace OpenCode.Local.TinyModels;

/// <summary>Builds the small SentencePiece-style vocabulary of tiny models that bring no tokenizer of their own.</summary>
/// <remarks>
/// <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, the 256 <c>&lt;0xNN&gt;</c> byte tokens (so any text tokenizes),
/// every printable ASCII character, some words with all their prefixes (SentencePiece only merges pairs that are tokens),
/// the ChatML markers, and the FIM tokens of the chosen style.
/// </remarks>
internal static class BuiltInVocabulary
{
    private const string Space = "\u2581";

    private static readonly string[] Words =
    [
        "the", "and", "to", "of", "a", "in", "is", "it", "you", "that", "for", "on", "with", "as", "this", "be", "are", "or",
        "hello", "world", "code", "model", "test", "data", "value", "name", "file", "list", "text", "line",
        "public", "private", "static", "class", "void", "int", "string", "var", "return", "if", "else", "for", "while",
        "new", "null", "true", "false", "using", "namespace", "async", "await", "def", "self", "import", "from", "print",
        "function", "const", "let", "fn", "struct", "impl", "match", "type", "interface", "package", "func",
    ];

    public static TokenizerData Create(FimTokenStyle fimStyle)
    {
        var tokens = new List<(string Text, float Score, int Type)>
        {
            ("<unk>", 0, TokenizerData.UnknownTokenType),
            ("<s>", 0, TokenizerData.ControlTokenType),
            ("</s>", 0, TokenizerData.ControlTokenType),
        };
        for (int b = 0; b < 256; b++)
        {
            tokens.Add((string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>"), 0, TokenizerData.ByteTokenType));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        void AddNormal(string text)
        {
            if (seen.Add(text))
            {
                tokens.Add((text, -1000f + text.Length, TokenizerData.NormalTokenType));
            }
        }

        AddNormal(Space);
        for (char c = '!'; c <= '~'; c++)
        {
            AddNormal(c.ToString());
        }

        foreach (string word in Words)
        {
            for (int length = 2; length <= word.Length + 1; length++)
            {
                AddNormal((Space + word)[..length]);
                if (length <= word.Length)
                {
                    AddNormal(word[..length]);
                }
            }
        }

        var metadata = new List<KeyValuePair<string, GgufValue>>();
        foreach (string marker in new[] { "<|im_start|>", "<|im_end|>" })
        {
            tokens.Add((marker, 0, TokenizerData.ControlTokenType));
        }

        foreach (var (text, key) in FimTokens(fimStyle))
        {
            if (key is not null)
            {
                metadata.Add(new($"tokenizer.ggml.{key}_token_id", GgufValue.Of((uint)tokens.Count)));
            }

            tokens.Add((text, 0, TokenizerData.ControlTokenType));
        }

        string[] texts = tokens.Select(t => t.Text).ToArray();
        int[] types = tokens.Select(t => t.Type).ToArray();
        metadata.InsertRange(0,
        [
            new("tokenizer.ggml.model", GgufValue.Of("llama")),
            new("tokenizer.ggml.tokens", GgufValue.Of(texts)),
            new("tokenizer.ggml.scores", GgufValue.Of(tokens.Select(t => t.Score).ToArray())),
            new("tokenizer.ggml.token_type", GgufValue.Of(types)),
            new("tokenizer.ggml.unknown_token_id", GgufValue.Of(0u)),
            new("tokenizer.ggml.bos_token_id", GgufValue.Of(1u)),
            new("tokenizer.ggml.eos_token_id", GgufValue.Of(2u)),
            new("tokenizer.ggml.add_bos_token", GgufValue.Of(true)),
            new("tokenizer.ggml.add_eos_token", GgufValue.Of(false)),
        ]);
        return new TokenizerData(metadata, texts, types, "llama");
    }

    private static IEnumerable<(string Text, string? Key)> FimTokens(FimTokenStyle style) => style switch
    {
        FimTokenStyle.StarCoder =>
        [
            ("<fim_prefix>", "fim_pre"), ("<fim_suffix>", "fim_suf"), ("<fim_middle>", "fim_mid"),
            ("<fim_pad>", "fim_pad"), ("<repo_name>", "fim_rep"), ("<file_sep>", "fim_sep"),
        ],
        FimTokenStyle.CodeLlama => [("<PRE>", "fim_pre"), ("<SUF>", "fim_suf"), ("<MID>", "fim_mid"), ("<EOT>", "eot")],
        _ => [],
    };
}
