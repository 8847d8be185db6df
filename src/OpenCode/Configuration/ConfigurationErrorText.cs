using System.Globalization;

namespace OpenCode.Configuration;

/// <summary>Words every configuration problem the same way, whichever check found it.</summary>
/// <remarks>Paths are JSON paths as written in a config file (<c>rateLimits.requestsPerMinute</c>).</remarks>
internal static class ConfigurationErrorText
{
    private const string SecretPath = "auth.apiKey";

    internal static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    internal static string OutOfRange(string path, object? value, object minimum, object maximum) =>
        $"{path}: {Show(path, value)} is out of range; allowed {Show(minimum)} to {Show(maximum)}";

    internal static string Range(object minimum, object maximum) => $"allowed {Show(minimum)} to {Show(maximum)}";

    internal static string UnknownSetting(string path, IEnumerable<string> allowed) =>
        $"{path}: unknown setting; allowed here: {string.Join(", ", allowed)}";

    /// <summary>Shows a value in a message, masking the API key wherever it appears.</summary>
    internal static string Show(string path, object? value) =>
        value is not null && string.Equals(path, SecretPath, StringComparison.OrdinalIgnoreCase) ? "***" : Show(value);

    internal static string Summary(string headline, IReadOnlyList<string> errors) =>
        headline + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e));

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
