using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>Turns a config document into configuration keys (<c>OpenCode:rateLimits:requestsPerMinute</c>), as the JSON configuration provider does.</summary>
/// <remarks>
/// JSON <c>null</c> means "not set" and adds no key; the root <c>$schema</c> is for editors and is skipped. Values keep their JSON
/// text (a number as written, <c>true</c>/<c>false</c>), and strings stay strings: <c>"2024-05-01"</c> is not read as a date.
/// </remarks>
internal static class JsonTokenFlattener
{
    internal static Dictionary<string, string?> Flatten(JsonElement document, string prefix)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.EnumerateObject().Where(p => p.Name != "$schema"))
            {
                Visit(property.Value, ConfigurationPath.Combine(prefix, property.Name), data);
            }
        }

        return data;
    }

    private static void Visit(JsonElement element, string key, Dictionary<string, string?> data)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Visit(property.Value, ConfigurationPath.Combine(key, property.Name), data);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, ConfigurationPath.Combine(key, (index++).ToString(CultureInfo.InvariantCulture)), data);
                }

                break;
            case JsonValueKind.String:
                data[key] = element.GetString();
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                data[key] = element.GetRawText();
                break;
        }
    }
}
