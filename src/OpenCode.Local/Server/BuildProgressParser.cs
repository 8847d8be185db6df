using System.Globalization;

namespace OpenCode.Local.Server;

/// <summary>Reads the percentage out of CMake build lines such as <c>[ 42%] Building CXX object ...</c>.</summary>
internal static class BuildProgressParser
{
    public static bool TryParsePercent(string line, out int percent)
    {
        percent = 0;
        var text = line.AsSpan().TrimStart();
        if (!text.StartsWith("[") || text.IndexOf("%]") is var end && end < 2)
        {
            return false;
        }

        return int.TryParse(text[1..end].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out percent)
            && percent is >= 0 and <= 100;
    }
}
