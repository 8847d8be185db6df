namespace OpenCode.Local.TinyModels;

/// <summary>
/// Decides which tokens a random tiny model may emit: NORMAL tokens whose text decodes to printable ASCII.
/// </summary>
/// <remarks>
/// Every other token gets a zero <c>output.weight</c> row. A byte-level vocabulary then never emits a partial
/// UTF-8 sequence (the server would end the stream with an error), end-of-generation tokens are never picked,
/// and every generation runs to <c>max_tokens</c>.
/// </remarks>
internal static class AsciiOutputFilter
{
    private const char SentencePieceSpace = '\u2581';
    private const char ByteLevelSpace = '\u0120';

    public static bool[] EmittableTokens(TokenizerData vocabulary, bool includeHighBytes = false)
    {
        var special = vocabulary.SpecialTokenIds;
        char space = vocabulary.Model == "gpt2" ? ByteLevelSpace : SentencePieceSpace;
        var emittable = new bool[vocabulary.Tokens.Length];
        for (int id = 0; id < emittable.Length; id++)
        {
            emittable[id] = vocabulary.TokenTypes[id] == TokenizerData.NormalTokenType
                && !special.Contains(id)
                && IsPlainAscii(vocabulary.Tokens[id], space)
                && !LooksLikeMarker(vocabulary.Tokens[id]);
            emittable[id] |= includeHighBytes && vocabulary.TokenTypes[id] == TokenizerData.ByteTokenType && IsHighByte(vocabulary.Tokens[id]);
        }

        return emittable;
    }

    internal static bool IsPlainAscii(string text, char space)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c != space && c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    // Byte tokens are spelled <0xNN>; 0x80 and above are parts of multi-byte UTF-8 sequences.
    private static bool IsHighByte(string text) =>
        text.Length == 6 && text.StartsWith("<0x", StringComparison.Ordinal)
        && byte.TryParse(text.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out var value) && value >= 0x80;

    // Some vocabularies mark "<|endoftext|>"-like tokens as NORMAL; llama.cpp still treats many of them as end of generation.
    private static bool LooksLikeMarker(string text) =>
        text.Length > 2 && text[0] == '<' && text[^1] == '>'
        && text.AsSpan(1, text.Length - 2).ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_|/.-") is false;
}
