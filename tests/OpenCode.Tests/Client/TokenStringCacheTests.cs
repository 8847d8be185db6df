using System.Text;
using System.Text.Json;
using OpenCode.Client;

namespace OpenCode.Tests.Client;

public sealed class TokenStringCacheTests
{
    [Fact]
    public void Read_AfterWarmUp_RepeatedShortTokenIsOneInstance()
    {
        var cache = new TokenStringCache();
        for (var i = 0; i < 64; i++)
        {
            Read(cache, $"w{i}");
        }

        var first = Read(cache, "return");
        var second = Read(cache, "return");

        second.ShouldBe("return");
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void Read_ManyDistinctAndTrickyTokens_AlwaysGivesTheExactText()
    {
        var cache = new TokenStringCache();
        string[] tokens = ["a", "ab", "a\u0000", "0123456789abcdef", "0123456789abcdefg", "caf\u00e9", "\"q\"", "tab\t", "x", "y", "\ud83d\ude80", " ", ""];
        for (var round = 0; round < 300; round++)
        {
            var token = tokens[round % tokens.Length] + (round % 7 == 0 ? round.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            Read(cache, token).ShouldBe(token);
        }
    }

    private static string? Read(TokenStringCache cache, string text)
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return cache.Read(ref reader);
    }
}
