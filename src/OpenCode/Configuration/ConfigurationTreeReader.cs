using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>
/// Reads configuration into canonical keys for <see cref="OpenCodeOptions"/>, checking every name and value type first,
/// so a bad value is reported with its setting's path instead of surfacing as a binder exception.
/// </summary>
internal sealed class ConfigurationTreeReader
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _errors = [];

    internal IReadOnlyDictionary<string, string?> Values => _values;

    internal IReadOnlyList<string> Errors => _errors;

    /// <summary>Reads the children of <paramref name="source"/> as the root of <see cref="OpenCodeOptions"/>.</summary>
    /// <param name="source">The section (or root) holding the settings.</param>
    /// <param name="strictRoot">Whether unknown keys at the top level are errors; off when reading a whole app's root.</param>
    internal static ConfigurationTreeReader Read(IConfiguration source, bool strictRoot)
    {
        var reader = new ConfigurationTreeReader();
        var children = source.GetChildren().ToList();
        var alias = children.FirstOrDefault(c => string.Equals(c.Key, OpenCodeOptionsBinder.ApiKeyAlias, StringComparison.OrdinalIgnoreCase));
        reader.ReadObject(children.Where(c => c != alias), typeof(OpenCodeOptions), string.Empty, string.Empty, strictRoot);

        // The alias comes last so that OPENCODE_API_KEY wins over an auth.apiKey from a file.
        if (!string.IsNullOrEmpty(alias?.Value))
        {
            reader._values[ConfigurationPath.Combine(nameof(OpenCodeOptions.Auth), nameof(AuthOptions.ApiKey))] = alias.Value;
        }

        return reader;
    }

    private void ReadObject(IEnumerable<IConfigurationSection> children, Type type, string keyPrefix, string jsonPath, bool strict)
    {
        foreach (var child in children)
        {
            var property = OptionsShape.Find(type, child.Key);
            if (property is null)
            {
                if (strict)
                {
                    _errors.Add($"{ConfigurationErrorText.UnknownSetting(ConfigurationErrorText.Join(jsonPath, child.Key), OptionsShape.JsonNames(type))} (configuration key '{child.Path}')");
                }

                continue;
            }

            var key = keyPrefix + property.Name;
            var path = ConfigurationErrorText.Join(jsonPath, OptionsShape.JsonName(property));
            var grandChildren = child.GetChildren().ToList();
            if (OptionsShape.IsSection(property.PropertyType))
            {
                if (grandChildren.Count == 0 && !string.IsNullOrEmpty(child.Value))
                {
                    _errors.Add($"{path}: expected an object with the settings {string.Join(", ", OptionsShape.JsonNames(property.PropertyType))}, not a value (configuration key '{child.Path}')");
                }

                ReadObject(grandChildren, property.PropertyType, key + ConfigurationPath.KeyDelimiter, path, strict: true);
            }
            else if (OptionsShape.SectionListItem(property.PropertyType) is { } itemType)
            {
                ReadObjectList(child, grandChildren, itemType, key, path);
            }
            else if (OptionsShape.IsStringList(property.PropertyType))
            {
                ReadList(child, grandChildren, key, path);
            }
            else if (grandChildren.Count > 0)
            {
                _errors.Add($"{path}: expected a single value, not an object (configuration key '{child.Path}')");
            }
            else
            {
                ReadValue(child, property, key, path);
            }
        }
    }

    private void ReadObjectList(IConfigurationSection section, List<IConfigurationSection> items, Type itemType, string key, string path)
    {
        if (items.Count == 0 && !string.IsNullOrEmpty(section.Value))
        {
            _errors.Add($"{path}: expected a list of objects, not a value (configuration key '{section.Path}')");
            return;
        }

        // Configuration orders children as strings ("10" before "2"); an index keeps each entry's own position.
        foreach (var item in items)
        {
            var itemPath = $"{path}[{item.Key}]";
            var fields = item.GetChildren().ToList();
            if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) || (fields.Count == 0 && item.Value is not null))
            {
                _errors.Add($"{itemPath}: expected an object with the settings {string.Join(", ", OptionsShape.JsonNames(itemType))} (configuration key '{item.Path}')");
                continue;
            }

            ReadObject(fields, itemType, ConfigurationPath.Combine(key, item.Key) + ConfigurationPath.KeyDelimiter, itemPath, strict: true);
        }
    }

    private void ReadList(IConfigurationSection section, List<IConfigurationSection> items, string key, string path)
    {
        // A plain value is a comma-separated list, so OPENCODE_MODELS__ENABLEDMODELS=a,b works.
        var values = items.Count == 0
            ? (section.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : items.Select(i => i.Value).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (i < items.Count && items[i].GetChildren().Any())
            {
                _errors.Add($"{path}[{i}]: expected a string, not an object (configuration key '{items[i].Path}')");
                continue;
            }

            _values[ConfigurationPath.Combine(key, i.ToString(CultureInfo.InvariantCulture))] = values[i];
        }
    }

    private void ReadValue(IConfigurationSection section, PropertyInfo property, string key, string path)
    {
        var value = section.Value;
        var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (value is null || (value.Length == 0 && target != typeof(string)))
        {
            return; // not set: the default stays
        }

        if (target != typeof(string) && !CanConvert(value, target))
        {
            var range = property.GetCustomAttribute<RangeAttribute>() is { } r ? "; " + ConfigurationErrorText.Range(r.Minimum, r.Maximum) : string.Empty;
            _errors.Add($"{path}: {ConfigurationErrorText.Show(path, value)} is not {Describe(target)}{range} (configuration key '{section.Path}')");
            return;
        }

        _values[key] = value;
    }

    /// <summary>Whether the configuration binder will read <paramref name="value"/> as a <paramref name="target"/>: parsed as it parses them.</summary>
    private static bool CanConvert(string value, Type target)
    {
        var culture = CultureInfo.InvariantCulture;
        return target == typeof(int) ? int.TryParse(value, NumberStyles.Integer, culture, out _)
            : target == typeof(long) ? long.TryParse(value, NumberStyles.Integer, culture, out _)
            : target == typeof(float) ? float.TryParse(value, NumberStyles.Float, culture, out _)
            : target == typeof(double) ? double.TryParse(value, NumberStyles.Float, culture, out _)
            : target == typeof(decimal) ? decimal.TryParse(value, NumberStyles.Float, culture, out _)
            : target == typeof(bool) ? bool.TryParse(value, out _)
            : target.IsEnum ? Enum.TryParse(target, value, ignoreCase: true, out _)
            : throw new InvalidOperationException($"Settings of type {target.Name} cannot be read from configuration; teach ConfigurationTreeReader.CanConvert.");
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(float) || type == typeof(double) || type == typeof(decimal) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
        : $"a valid {type.Name}";
}
