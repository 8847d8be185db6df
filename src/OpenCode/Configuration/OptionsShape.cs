using System.Reflection;

namespace OpenCode.Configuration;

/// <summary>What the options classes look like, for the checks that walk them by name.</summary>
internal static class OptionsShape
{
    /// <summary>Gets a value indicating whether a property holds a nested options object (a config section).</summary>
    internal static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(OpenCodeOptions).Namespace;

    /// <summary>Gets a value indicating whether a property holds a list of strings.</summary>
    internal static bool IsStringList(Type type) => type == typeof(IList<string>) || type == typeof(string[]) || type == typeof(List<string>);

    /// <summary>Gets a value indicating whether a property holds a list of nested options objects (a config array of objects).</summary>
    internal static bool IsSectionList(Type type) => SectionListItem(type) is not null;

    /// <summary>Gets the item type of a list of options objects, or <see langword="null"/>.</summary>
    internal static Type? SectionListItem(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IList<>) || type.GetGenericTypeDefinition() == typeof(List<>))
        && type.GetGenericArguments()[0] is var item && IsSection(item) ? item : null;

    /// <summary>Gets a value indicating whether a section may be left unset (<see langword="null"/>), as an instance's inherited sections may.</summary>
    internal static bool IsOptional(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;

    internal static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite);

    internal static PropertyInfo? Find(Type type, string key) =>
        Settings(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the camelCase name a setting has in a config file.</summary>
    internal static string JsonName(PropertyInfo property) =>
        string.Concat(property.Name[..1].ToLowerInvariant(), property.Name.AsSpan(1));

    internal static IEnumerable<string> JsonNames(Type type) => Settings(type).Select(JsonName);
}
