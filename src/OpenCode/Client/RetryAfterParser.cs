using System.Globalization;
using System.Net.Http.Headers;

namespace OpenCode.Client;

/// <summary>Reads how long a server asked the client to wait: <c>Retry-After</c> (seconds or an HTTP date), else <c>x-ratelimit-reset-*</c>.</summary>
internal static class RetryAfterParser
{
    public static TimeSpan? Parse(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var wait = date - timeProvider.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "x-ratelimit-reset"])
        {
            if (headers.TryGetValues(name, out var values) && ParseDuration(values.FirstOrDefault()) is { } wait)
            {
                return wait;
            }
        }

        return null;
    }

    /// <summary>Parses <c>12</c>, <c>1.5s</c>, <c>250ms</c> or <c>1m30s</c> (the OpenAI reset header forms).</summary>
    internal static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return plainSeconds >= 0 ? TimeSpan.FromSeconds(plainSeconds) : null;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            total += text.AsSpan(unitStart, i - unitStart) switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return null;
            }
        }

        return total;
    }
}
