using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenCode.Client;

/// <summary>A short plain-text excerpt of a response body that is not JSON (an HTML error page, a proxy's text), for one-line messages.</summary>
internal static partial class BodySummary
{
    private const int MaxExcerpt = 160;

    /// <summary>Returns the content type and a short excerpt: an HTML page's title (or its text without markup), whitespace collapsed.</summary>
    public static string Summarize(string body, string? mediaType)
    {
        var text = body;
        if (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart().StartsWith('<'))
        {
            var title = TitlePattern().Match(body);
            text = title.Success ? title.Groups[1].Value : MarkupPattern().Replace(ScriptPattern().Replace(body, " "), " ");
            text = WebUtility.HtmlDecode(text);
        }

        var excerpt = new StringBuilder(Math.Min(text.Length, MaxExcerpt + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = excerpt.Length > 0;
                continue;
            }

            if (space)
            {
                excerpt.Append(' ');
                space = false;
            }

            if (excerpt.Length >= MaxExcerpt)
            {
                excerpt.Append('…');
                break;
            }

            excerpt.Append(c);
        }

        var type = string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType;
        return excerpt.Length == 0 ? $"an empty {type} body" : $"a {type} body: \"{excerpt}\"";
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"<(script|style)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex MarkupPattern();
}
