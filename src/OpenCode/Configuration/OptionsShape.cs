using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace OpenCode.Configuration;

/// <summary>What the options classes look like, for the checks that walk them by name.</summary>
/// <remarks>
/// The checks walk the options tree by reflection. Each options class is named once here, through a type argument that keeps its
/// properties (and their attributes) and its constructor in a trimmed or native AOT build, where reflection over a type found
/// only at run time would see no properties at all. A section type that is not named here fails loudly (and OptionsShapeTests
/// checks that every section reachable from <see cref="OpenCodeOptions"/> is named).
/// </remarks>
internal static class OptionsShape
{
    private const BindingFlags PublicInstance = BindingFlags.Public | BindingFlags.Instance;

    private static readonly FrozenDictionary<Type, OptionsType> Types = new[]
    {
        Of<OpenCodeOptions>(), Of<AuthOptions>(), Of<OAuth2Options>(), Of<JwtOptions>(), Of<HmacOptions>(), Of<RateLimitOptions>(),
        Of<ModelOptions>(), Of<FeatureOptions>(), Of<ResilienceOptions>(), Of<CircuitBreakerOptions>(), Of<LocalServerOptions>(),
        Of<InstanceOptions>(), Of<RoutingOptions>(), Of<HealthCheckOptions>(), Of<ModelSelectionOptions>(), Of<SelectionRuleOptions>(),
        Of<TaskTemperatureOptions>(), Of<ResponseCacheOptions>(), Of<QuotaOptions>(), Of<QuotaBudgetOptions>(), Of<ModelPriceOptions>(),
        Of<AlertOptions>(), Of<EmbeddingOptions>(), Of<ModelProfileOptions>(),
    }.ToFrozenDictionary(t => t.Type);

    /// <summary>Gets the options classes named here.</summary>
    internal static IEnumerable<Type> KnownTypes => Types.Keys;

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
    /// <remarks>A section that may be unset is unset in a new options object; one that must be set starts as an empty section.</remarks>
    internal static bool IsOptional(PropertyInfo property) => property.GetValue(Get(property.DeclaringType!).CreateDefault()) is null;

    /// <summary>Gets every public instance property of an options class, settable or not.</summary>
    internal static PropertyInfo[] Properties(Type type) => Get(type).Properties.Value;

    /// <summary>Gets the settings of an options class: its public properties that can be read and written.</summary>
    internal static IEnumerable<PropertyInfo> Settings(Type type) => Properties(type).Where(p => p.CanRead && p.CanWrite);

    internal static PropertyInfo? Find(Type type, string key) =>
        Settings(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the camelCase name a setting has in a config file.</summary>
    internal static string JsonName(PropertyInfo property) =>
        string.Concat(property.Name[..1].ToLowerInvariant(), property.Name.AsSpan(1));

    internal static IEnumerable<string> JsonNames(Type type) => Settings(type).Select(JsonName);

    private static OptionsType Get(Type type) => Types.TryGetValue(type, out var known)
        ? known
        : throw new InvalidOperationException($"{type.FullName} is not one of the options classes OptionsShape names; add it there.");

    private static OptionsType Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>()
        where T : new() =>
        new(typeof(T), new(() => typeof(T).GetProperties(PublicInstance)), static () => new T());

    private sealed record OptionsType(Type Type, Lazy<PropertyInfo[]> Properties, Func<object> CreateDefault);
}
