using System.Globalization;
using System.Reflection;

namespace OpenCode.Tests.Configuration;

/// <summary>Sets a setting by its config-file path (<c>rateLimits.requestsPerMinute</c>), converting the value to the property's type.</summary>
internal static class OptionsPath
{
    public static void Set(object root, string path, double value)
    {
        var target = root;
        var names = path.Split('.');
        foreach (var name in names[..^1])
        {
            target = Find(target.GetType(), name).GetValue(target)!;
        }

        var property = Find(target.GetType(), names[^1]);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(target, Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
    }

    private static PropertyInfo Find(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new ArgumentException($"{type.Name} has no property {name}", nameof(name));
}
