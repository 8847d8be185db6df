using System.Globalization;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace OpenCode.Configuration;

/// <summary>Turns a config document into configuration keys (<c>OpenCode:rateLimits:requestsPerMinute</c>), as the JSON configuration provider does.</summary>
/// <remarks>JSON <c>null</c> means "not set" and adds no key; the root <c>$schema</c> is for editors and is skipped.</remarks>
internal static class JsonTokenFlattener
{
    internal static Dictionary<string, string?> Flatten(JToken document, string prefix)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document is JObject root)
        {
            foreach (var property in root.Properties().Where(p => p.Name != "$schema"))
            {
                Visit(property.Value, ConfigurationPath.Combine(prefix, property.Name), data);
            }
        }

        return data;
    }

    private static void Visit(JToken token, string key, Dictionary<string, string?> data)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    Visit(property.Value, ConfigurationPath.Combine(key, property.Name), data);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], ConfigurationPath.Combine(key, i.ToString(CultureInfo.InvariantCulture)), data);
                }

                break;
            case JValue { Value: not null } value:
                data[key] = Convert.ToString(value.Value, CultureInfo.InvariantCulture);
                break;
        }
    }
}
