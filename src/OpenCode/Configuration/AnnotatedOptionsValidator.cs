using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace OpenCode.Configuration;

/// <summary>Checks the DataAnnotations of an options object and of every nested options object.</summary>
/// <remarks>
/// Asks each property's attributes itself, as <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>
/// with all properties would (a failed <see cref="RequiredAttribute"/> hides the property's other attributes), but without its
/// <c>TypeDescriptor</c> metadata, whose first use is the slowest part of a CLI start; and it descends into nested objects, which
/// <see cref="Validator"/> does not. The options classes carry attributes on properties only.
/// </remarks>
internal static class AnnotatedOptionsValidator
{
    /// <summary>Adds a message per broken annotation to <paramref name="errors"/> and the setting's path to <paramref name="invalidPaths"/>.</summary>
    internal static void Validate(object instance, string path, List<string> errors, HashSet<string> invalidPaths)
    {
        var type = instance.GetType();
        foreach (var property in OptionsShape.Properties(type))
        {
            if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            foreach (var result in Check(instance, property))
            {
                errors.Add(Describe(instance, property, path, result));
                invalidPaths.Add(ConfigurationErrorText.Join(path, OptionsShape.JsonName(property)));
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

    /// <summary>The broken attributes of a property: a failed <see cref="RequiredAttribute"/> alone, else every other attribute that fails.</summary>
    private static IEnumerable<ValidationResult> Check(object instance, PropertyInfo property)
    {
        var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
        if (attributes.Count == 0)
        {
            return [];
        }

        var value = property.GetValue(instance);
        // Named here, the context has no display name to look up by reflection on the instance's type.
        var context = new ValidationContext(instance, property.Name, serviceProvider: null, items: null) { MemberName = property.Name };
        if (attributes.OfType<RequiredAttribute>().FirstOrDefault() is { } required)
        {
            if (required.GetValidationResult(value, context) is { } missing)
            {
                return [missing];
            }

            attributes.Remove(required);
        }

        return [.. attributes.Select(a => a.GetValidationResult(value, context)).OfType<ValidationResult>()];
    }

    private static string Describe(object instance, PropertyInfo property, string parentPath, ValidationResult result)
    {
        var path = ConfigurationErrorText.Join(parentPath, OptionsShape.JsonName(property));
        var value = property.GetValue(instance);
        return property.GetCustomAttribute<RangeAttribute>() is { } range
            ? ConfigurationErrorText.OutOfRange(path, value, range.Minimum, range.Maximum)
            : $"{path}: {result.ErrorMessage}";
    }
}
