using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OpenCode.Cli.Commands;

/// <summary>
/// Numeric options that parse and range-check their own value: a value that is not a number, overflows, is NaN or infinite, or
/// lies outside the range is a usage error naming the option (exit 2), never an exception.
/// </summary>
internal static class NumberOptions
{
    public static Option<int?> Int(string name, int min, int max) => new(name) { CustomParser = result => ParseInt(result, name, min, max) };

    /// <param name="name">The option's name.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="outOfRange">The error for a number outside the range; <see langword="null"/> uses the usual one.</param>
    public static Option<int> Int(string name, int min, int max, int defaultValue, string? outOfRange = null) => new(name)
    {
        CustomParser = result => ParseInt(result, name, min, max, outOfRange) ?? defaultValue,
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<float?> Float(string name, float min, float max) => new(name)
    {
        CustomParser = result =>
        {
            var text = Token(result);
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
            {
                result.AddError($"{name}: '{text}' is not a number; allowed {Range(min, max)}");
                return null;
            }

            if (value < min || value > max)
            {
                result.AddError($"{name}: {value.ToString(CultureInfo.InvariantCulture)} is out of range; allowed {Range(min, max)}");
                return null;
            }

            return value;
        },
    };

    private static int? ParseInt(ArgumentResult result, string name, int min, int max, string? outOfRange = null)
    {
        var text = Token(result);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name}: '{text}' is not a whole number; allowed {Range(min, max)}");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError(outOfRange ?? $"{name}: {value.ToString(CultureInfo.InvariantCulture)} is out of range; allowed {Range(min, max)}");
            return null;
        }

        return (int)value;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static string Range(float min, float max) => max >= int.MaxValue
        ? string.Create(CultureInfo.InvariantCulture, $"{min} or more")
        : string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
}
