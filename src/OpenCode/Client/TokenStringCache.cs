using System.Text;
using System.Text.Json;

namespace OpenCode.Client;

/// <summary>
/// The strings of one stream's short tokens: after the stream's first 64 tokens, short plain-ASCII tokens come from a small
/// cache keyed by their bytes, so a repeated token (most of them in code) costs no new string.
/// </summary>
/// <remarks>Short answers never pay for the cache: it is set up once a stream has shown it is long.</remarks>
internal sealed class TokenStringCache
{
    private const int MaxCachedTokenBytes = 16;
    private const int TokenCacheSetBits = 7;
    private const int TokensBeforeCache = 64;
    private CachedToken[]? _tokens;
    private int _uncachedTokens;

    /// <summary>Reads the current string value of <paramref name="reader"/>; same text as <see cref="Utf8JsonReader.GetString"/>.</summary>
    public string? Read(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (_uncachedTokens < TokensBeforeCache)
        {
            // Short answers never pay for the cache: it is set up once a stream has shown it is long.
            _uncachedTokens++;
            return reader.GetString();
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence || raw.Length > MaxCachedTokenBytes)
        {
            return reader.GetString();
        }

        // The bytes as two little-endian words, zero-padded (a loop: tokens are a few bytes, a block copy costs more).
        ulong low = 0, high = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (i < 8)
            {
                low |= (ulong)raw[i] << (8 * i);
            }
            else
            {
                high |= (ulong)raw[i] << (8 * (i - 8));
            }
        }

        if (((low | high) & 0x8080808080808080UL) != 0)
        {
            // Not ASCII: let the reader transcode (and validate) it.
            return reader.GetString();
        }

        // Two-way set-associative: a token lives in one of the two slots of its set; a new token pushes the older one out.
        var set = (int)(((low * 0x9E3779B97F4A7C15UL) ^ (high * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)raw.Length) >> (64 - TokenCacheSetBits)) * 2;
        _tokens ??= new CachedToken[2 << TokenCacheSetBits];
        ref var first = ref _tokens[set];
        if (first.Matches(low, high, raw.Length))
        {
            return first.Text;
        }

        ref var second = ref _tokens[set + 1];
        if (second.Matches(low, high, raw.Length))
        {
            return second.Text;
        }

        var text = Encoding.ASCII.GetString(raw);
        second = first;
        first = new CachedToken(low, high, text);
        return text;
    }

    /// <summary>A cached token: its bytes (up to 16, zero-padded, as two words) and its text.</summary>
    private readonly record struct CachedToken(ulong Low, ulong High, string Text)
    {
        public bool Matches(ulong low, ulong high, int length) => Low == low && High == high && Text is { } text && text.Length == length;
    }
}
