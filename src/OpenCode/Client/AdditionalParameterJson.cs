using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenCode.Client;

/// <summary>Writes the values of a request's <c>AdditionalParameters</c>, which are any object a caller passes.</summary>
/// <remarks>
/// Where the app allows reflection-based serialization (the default) every value serializes as <see cref="JsonSerializer"/> would.
/// A trimmed or native AOT app has none: there the JSON values, strings, numbers, booleans and the lists and dictionaries of them
/// that <see cref="AdditionalParameterJsonContext"/> names serialize, and any other type fails the request with a typed error.
/// </remarks>
internal static class AdditionalParameterJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions(JsonSerializer.IsReflectionEnabledByDefault);

    /// <summary>Writes <paramref name="value"/>, the parameter <paramref name="name"/>.</summary>
    /// <exception cref="OpenCodeException">INVALID_REQUEST: this app cannot serialize the value's type.</exception>
    internal static void Write(Utf8JsonWriter json, string name, object? value) => Write(json, name, value, Options);

    internal static void Write(Utf8JsonWriter json, string name, object? value, JsonSerializerOptions options)
    {
        var type = value?.GetType() ?? typeof(object);
        JsonTypeInfo typeInfo;
        try
        {
            typeInfo = options.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.InvalidRequest,
                $"AdditionalParameters: '{name}' is a {type.Name}, which this trimmed or native AOT app cannot serialize; pass a JsonElement or "
                + "JsonNode, a string, number or boolean, or an array, list or string-keyed dictionary of them.");
        }

        JsonSerializer.Serialize(json, value, typeInfo);
    }

    /// <summary>The options for an app with or without reflection-based serialization; tests pass <see langword="false"/> to see a trimmed app's.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ReflectionOnlyWhereEnabled)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = ReflectionOnlyWhereEnabled)]
    internal static JsonSerializerOptions CreateOptions(bool reflection) => reflection && JsonSerializer.IsReflectionEnabledByDefault
        ? JsonSerializerOptions.Default
        : AdditionalParameterJsonContext.Default.Options;

    // JsonSerializer.IsReflectionEnabledByDefault is a feature switch: false in a trimmed or native AOT app, which then never takes
    // the reflection branch (the trimmer removes it), as Microsoft.Extensions.AI's AIJsonUtilities does.
    private const string ReflectionOnlyWhereEnabled = "Reflection-based serialization is used only where the app enables it.";
}
