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
        if (!UseCache(raw) || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString();
        }

        var (low, high) = Pack(raw);

        // Not ASCII: let the reader transcode (and validate) it.
        return ((low | high) & 0x8080808080808080UL) != 0 ? reader.GetString() : Lookup(low, high, raw);
    }

    /// <summary>Reads the text of a JSON string value known to hold only plain ASCII without escapes (no quotes included).</summary>
    public string ReadAscii(ReadOnlySpan<byte> raw)
    {
        if (!UseCache(raw))
        {
            return Encoding.ASCII.GetString(raw);
        }

        var (low, high) = Pack(raw);
        return Lookup(low, high, raw);
    }

    /// <summary>Gets whether a value of these bytes goes through the cache: short ones, once the stream has shown it is long.</summary>
    private bool UseCache(ReadOnlySpan<byte> raw)
    {
        if (_uncachedTokens < TokensBeforeCache)
        {
            _uncachedTokens++;
            return false;
        }

        return raw.Length <= MaxCachedTokenBytes;
    }

    /// <summary>The bytes as two little-endian words, zero-padded (a loop: tokens are a few bytes, a block copy costs more).</summary>
    private static (ulong Low, ulong High) Pack(ReadOnlySpan<byte> raw)
    {
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

        return (low, high);
    }

    private string Lookup(ulong low, ulong high, ReadOnlySpan<byte> raw)
    {
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
