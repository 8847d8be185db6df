using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>Adds OpenCode's own configuration sources to an <see cref="IConfigurationBuilder"/> and reads <see cref="OpenCodeOptions"/> from a configuration.</summary>
public static class OpenCodeConfigurationExtensions
{
    /// <summary>The prefix of the environment variables OpenCode reads.</summary>
    public const string EnvironmentPrefix = "OPENCODE_";

    /// <summary>
    /// Adds a schema-checked config file (when <paramref name="configFilePath"/> is given), then environment variables
    /// prefixed <c>OPENCODE_</c>, which override it. Both land in the section <c>OpenCode</c>, so they also layer over an
    /// app's <c>appsettings.json</c> section of that name; read them with <see cref="GetOpenCodeOptions"/>.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configFilePath">A config file whose root object follows <c>docs/opencode.schema.json</c>, or <see langword="null"/> for none.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// <c>OPENCODE_TIMEOUT=60000</c> sets <c>timeout</c>; a double underscore descends (<c>OPENCODE_RATELIMITS__REQUESTSPERMINUTE</c>);
    /// <c>OPENCODE_API_KEY</c> sets <c>auth.apiKey</c>. A missing or invalid file makes <see cref="IConfigurationBuilder.Build"/>
    /// throw <see cref="OpenCodeConfigurationException"/>.
    /// </remarks>
    public static IConfigurationBuilder AddOpenCodeConfiguration(this IConfigurationBuilder builder, string? configFilePath) =>
        AddOpenCodeConfiguration(builder, configFilePath, EnvironmentPrefix);

    /// <summary>Binds <see cref="OpenCodeOptions"/> from the section <c>OpenCode</c> when it exists, else from the top-level keys of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">
    /// An app's configuration (section <c>OpenCode</c>), the section itself, or a root of OpenCode keys such as one built with
    /// <see cref="AddOpenCodeConfiguration(IConfigurationBuilder, string?)"/>. Unknown keys inside a section are errors; unknown
    /// top-level keys of a root are ignored, since a root holds other settings too. A top-level <c>API_KEY</c> (the variable
    /// <c>OPENCODE_API_KEY</c>) sets <c>auth.apiKey</c> and wins over it.
    /// </param>
    /// <returns>The bound options; ranges and rules are checked when a provider, router or <c>AddOpenCode</c> takes them.</returns>
    /// <exception cref="OpenCodeConfigurationException">A key names no setting, or a value has the wrong type (<c>OPENCODE_TIMEOUT=abc</c>).</exception>
    public static OpenCodeOptions GetOpenCodeOptions(this IConfiguration configuration) => OpenCodeOptionsBinder.Bind(configuration);

    /// <summary>Adds the file and environment variables with another prefix; tests use a unique one so they never meet real variables.</summary>
    internal static IConfigurationBuilder AddOpenCodeConfiguration(this IConfigurationBuilder builder, string? configFilePath, string environmentPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configFilePath is not null)
        {
            builder.Add(new OpenCodeFileConfigurationSource(configFilePath));
        }

        return builder.Add(new OpenCodeEnvironmentVariablesSource(environmentPrefix));
    }
}
