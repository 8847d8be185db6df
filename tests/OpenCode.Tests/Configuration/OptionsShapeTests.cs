using System.Reflection;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

/// <summary>The options classes named for a trimmed or native AOT build are every one a config file reaches.</summary>
public sealed class OptionsShapeTests
{
    [Fact]
    public void KnownTypes_EverySectionReachableFromOpenCodeOptions_IsNamed()
    {
        var reachable = new HashSet<Type>();
        Reach(typeof(OpenCodeOptions), reachable);

        reachable.Except(OptionsShape.KnownTypes).ShouldBeEmpty();
        reachable.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void IsOptional_EverySection_AgreesWithItsNullableAnnotation()
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in OptionsShape.KnownTypes.SelectMany(OptionsShape.Settings).Where(p => OptionsShape.IsSection(p.PropertyType)))
        {
            var annotatedNullable = nullability.Create(property).WriteState == NullabilityState.Nullable;
            OptionsShape.IsOptional(property).ShouldBe(annotatedNullable, $"{property.DeclaringType!.Name}.{property.Name}");
        }

        OptionsShape.IsOptional(typeof(InstanceOptions).GetProperty(nameof(InstanceOptions.Auth))!).ShouldBeTrue();
        OptionsShape.IsOptional(typeof(OpenCodeOptions).GetProperty(nameof(OpenCodeOptions.Auth))!).ShouldBeFalse();
    }

    [Fact]
    public void Settings_TypeNotNamed_ThrowsNamingIt()
    {
        Should.Throw<InvalidOperationException>(() => OptionsShape.Settings(typeof(OpenCodeConfigurationException)).ToList())
            .Message.ShouldContain(nameof(OpenCodeConfigurationException));
    }

    private static void Reach(Type type, HashSet<Type> reachable)
    {
        if (!reachable.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = OptionsShape.SectionListItem(property.PropertyType) ?? property.PropertyType;
            if (OptionsShape.IsSection(child))
            {
                Reach(child, reachable);
            }
        }
    }
}
