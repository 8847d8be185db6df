using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>Binds <see cref="OpenCodeOptions"/> from configuration, reporting bad names and values as <see cref="OpenCodeConfigurationException"/>.</summary>
internal static class OpenCodeOptionsBinder
{
    /// <summary>The top-level key that also sets <c>auth.apiKey</c>, so the variable <c>OPENCODE_API_KEY</c> works; it wins over <c>auth.apiKey</c>.</summary>
    internal const string ApiKeyAlias = "API_KEY";

    /// <summary>Binds the options from the section <c>OpenCode</c> when it exists, else from the top-level keys of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">
    /// An app's configuration (section <c>OpenCode</c>), the section itself, or a root of OpenCode keys such as one built with
    /// <c>AddEnvironmentVariables("OPENCODE_")</c>. Unknown keys inside a section are errors; unknown top-level keys of a
    /// root are ignored, since a root holds other settings too.
    /// </param>
    /// <returns>The bound options; call <see cref="OpenCodeOptionsValidator.ValidateOrThrow"/> to check their ranges.</returns>
    /// <exception cref="OpenCodeConfigurationException">A key names no setting, or a value has the wrong type (<c>OPENCODE_TIMEOUT=abc</c>).</exception>
    internal static OpenCodeOptions Bind(IConfiguration configuration)
    {
        var options = new OpenCodeOptions();
        BindInto(configuration, options);
        return options;
    }

    /// <summary>Binds into an existing instance; the options framework hands one to <c>Configure</c>.</summary>
    internal static void BindInto(IConfiguration configuration, OpenCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(OpenCodeOptions.SectionName);
        var useSection = section.Exists();
        var reader = ConfigurationTreeReader.Read(useSection ? section : configuration, strictRoot: useSection || configuration is IConfigurationSection);
        if (reader.Errors.Count > 0)
        {
            throw new OpenCodeConfigurationException(
                ConfigurationErrorText.Summary("The OpenCode configuration could not be read:", reader.Errors), reader.Errors);
        }

        // The reader has checked every name and value, so this bind cannot fail on them.
        new ConfigurationBuilder().AddInMemoryCollection(reader.Values).Build()
            .Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
    }
}
