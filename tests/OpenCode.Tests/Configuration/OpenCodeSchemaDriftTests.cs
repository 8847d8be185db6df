using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

/// <summary>Keeps <c>docs/opencode.schema.json</c> and the options classes from drifting apart.</summary>
public sealed class OpenCodeSchemaDriftTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(OpenCodeConfigFile.SchemaJson).RootElement;

    public static TheoryData<string> SchemaSettings()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _, _, _) in Walk(Schema, new OpenCodeOptions(), string.Empty))
        {
            data.Add(path);
        }

        return data;
    }

    [Fact]
    public void Schema_PropertyNames_MatchOptionsPropertiesExactly()
    {
        var missing = new List<string>();
        Compare(Schema, typeof(OpenCodeOptions), string.Empty, missing);

        missing.ShouldBeEmpty();
    }

    private static readonly JsonSerializerOptions EnumsAsNames = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    [Theory]
    [MemberData(nameof(SchemaSettings))]
    public void Schema_DefaultAndRange_EqualTheCSharpDefaultAndRange(string path)
    {
        var (_, schema, property, value) = Walk(Schema, new OpenCodeOptions(), string.Empty).Single(s => s.Path == path);
        // Enums are written in the schema as their camelCase names, as the binder reads them.
        var expectedDefault = JsonSerializer.Serialize(value, EnumsAsNames);

        if (schema.TryGetProperty("default", out var schemaDefault))
        {
            schemaDefault.GetRawText().ShouldBe(expectedDefault, $"default of {path}");
        }
        else
        {
            value.ShouldBeNull($"{path} has a C# default of {expectedDefault} but the schema states none");
        }

        var range = property.GetCustomAttribute<RangeAttribute>();
        schema.TryGetProperty("minimum", out var min).ShouldBe(range is not null, $"range of {path}");
        if (range is not null)
        {
            min.GetDouble().ShouldBe(Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
            schema.GetProperty("maximum").GetDouble().ShouldBe(Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static IEnumerable<(string Path, JsonElement Schema, PropertyInfo Property, object? Value)> Walk(JsonElement schema, object instance, string parent)
    {
        foreach (var setting in schema.GetProperty("properties").EnumerateObject().Where(p => p.Name != "$schema"))
        {
            var property = instance.GetType().GetProperty(setting.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
            var path = parent.Length == 0 ? setting.Name : $"{parent}.{setting.Name}";
            var value = property?.GetValue(instance);
            if (setting.Value.TryGetProperty("properties", out _))
            {
                foreach (var nested in Walk(setting.Value, value!, path))
                {
                    yield return nested;
                }
            }
            else if (property is not null)
            {
                yield return (path, setting.Value, property, value);
            }
        }
    }

    private static void Compare(JsonElement schema, Type type, string parent, List<string> problems)
    {
        var schemaNames = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(n => n != "$schema").ToHashSet();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var path = parent.Length == 0 ? name : $"{parent}.{name}";
            if (!schemaNames.Remove(name))
            {
                problems.Add($"{path} is in {type.Name} but not in the schema");
            }
            else if (schema.GetProperty("properties").GetProperty(name).TryGetProperty("properties", out _))
            {
                Compare(schema.GetProperty("properties").GetProperty(name), property.PropertyType, path, problems);
            }
            else if (schema.GetProperty("properties").GetProperty(name).TryGetProperty("items", out var items) && items.TryGetProperty("properties", out _))
            {
                // A list of objects (quotas.budgets, pricing): its item schema must match the item class.
                Compare(items, property.PropertyType.GetGenericArguments().Single(), path + "[]", problems);
            }
        }

        problems.AddRange(schemaNames.Select(n => $"{n} is in the schema under '{parent}' but not in {type.Name}"));
    }
}
