using System.Globalization;

namespace OpenCode.Cli.Output;

/// <summary>Short human forms of counts and sizes for tables; <c>-</c> for unknown.</summary>
internal static class Units
{
    public static string Tokens(int? tokens) => tokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    public static string Count(long? count) => count switch
    {
        null => "-",
        >= 1_000_000_000 => Format(count.Value / 1e9, "B"),
        >= 1_000_000 => Format(count.Value / 1e6, "M"),
        >= 1_000 => Format(count.Value / 1e3, "K"),
        _ => count.Value.ToString(CultureInfo.InvariantCulture),
    };

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "-",
        >= 1L << 30 => Format(bytes.Value / (double)(1L << 30), " GiB"),
        >= 1L << 20 => Format(bytes.Value / (double)(1L << 20), " MiB"),
        >= 1L << 10 => Format(bytes.Value / (double)(1L << 10), " KiB"),
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Format(double value, string unit) => value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + unit;
}
