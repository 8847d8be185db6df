using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace OpenCode.Configuration;

/// <summary>Checks the DataAnnotations of an options object and of every nested options object.</summary>
/// <remarks><see cref="Validator"/> does not descend into nested objects by itself, so this walks them.</remarks>
internal static class AnnotatedOptionsValidator
{
    /// <summary>Adds a message per broken annotation to <paramref name="errors"/> and the setting's path to <paramref name="invalidPaths"/>.</summary>
    internal static void Validate(object instance, string path, List<string> errors, HashSet<string> invalidPaths)
    {
        var type = instance.GetType();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                var property = type.GetProperty(member);
                errors.Add(Describe(instance, property, path, result));
                invalidPaths.Add(property is null ? path : ConfigurationErrorText.Join(path, OptionsShape.JsonName(property)));
            }
        }

        foreach (var property in OptionsShape.Settings(type).Where(p => OptionsShape.IsSectionList(p.PropertyType)))
        {
            var listPath = ConfigurationErrorText.Join(path, OptionsShape.JsonName(property));
            var items = property.GetValue(instance) as System.Collections.IEnumerable;
            var index = 0;
            foreach (var item in items ?? Array.Empty<object>())
            {
                if (item is null)
                {
                    errors.Add($"{listPath}[{index}]: must be set; it was null");
                }
                else
                {
                    Validate(item, $"{listPath}[{index}]", errors, invalidPaths);
                }

                index++;
            }
        }

        foreach (var property in OptionsShape.Settings(type).Where(p => OptionsShape.IsSection(p.PropertyType)))
        {
            var childPath = ConfigurationErrorText.Join(path, OptionsShape.JsonName(property));
            if (property.GetValue(instance) is { } child)
            {
                Validate(child, childPath, errors, invalidPaths);
            }
            else if (!OptionsShape.IsOptional(property))
            {
                errors.Add($"{childPath}: must be set; it was null");
                invalidPaths.Add(childPath);
            }
        }
    }

    private static string Describe(object instance, PropertyInfo? property, string parentPath, ValidationResult result)
    {
        if (property is null)
        {
            return $"{parentPath}: {result.ErrorMessage}";
        }

        var path = ConfigurationErrorText.Join(parentPath, OptionsShape.JsonName(property));
        var value = property.GetValue(instance);
        return property.GetCustomAttribute<RangeAttribute>() is { } range
            ? ConfigurationErrorText.OutOfRange(path, value, range.Minimum, range.Maximum)
            : $"{path}: {result.ErrorMessage}";
    }
}
