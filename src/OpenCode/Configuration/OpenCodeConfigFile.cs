using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>Reads an OpenCode config file: a JSON object at the root that follows <c>docs/opencode.schema.json</c>.</summary>
/// <remarks>
/// Comments are allowed; unknown properties are not, so typos are caught. To layer environment variables over a file,
/// use <see cref="OpenCodeConfigurationExtensions.AddOpenCodeConfiguration(IConfigurationBuilder, string?)"/> instead.
/// </remarks>
internal static class OpenCodeConfigFile
{
    /// <summary>Gets the JSON Schema every config file must follow.</summary>
    public static string SchemaJson => OpenCodeConfigSchema.Json;

    /// <summary>Reads, checks and binds a config file.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The options the file sets, with defaults for the rest.</returns>
    /// <exception cref="OpenCodeConfigurationException">The file is missing, is not JSON, breaks the schema, or sets invalid values.</exception>
    public static OpenCodeOptions Load(string path)
    {
        var configuration = new ConfigurationBuilder().Add(new OpenCodeFileConfigurationSource(path)).Build();
        var options = OpenCodeOptionsBinder.Bind(configuration);
        OpenCodeOptionsValidator.ValidateOrThrow(options);
        return options;
    }

    /// <summary>Checks config text against the schema.</summary>
    /// <param name="json">The text of a config file.</param>
    /// <returns>One message per problem (JSON path, value, what is allowed); empty when the text is valid.</returns>
    public static IReadOnlyList<string> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return OpenCodeConfigSchema.TryParse(json, out var document, out var error) ? OpenCodeConfigSchema.Validate(document) : [error];
    }

    /// <summary>Reads a file and checks it against the schema.</summary>
    /// <exception cref="OpenCodeConfigurationException">The file is missing, unreadable, not JSON, or breaks the schema.</exception>
    internal static ConfigDocument ReadValidated(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw Invalid(fullPath, "was not found", [$"{fullPath}: file not found"]);
        }

        string json;
        try
        {
            json = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(fullPath, "could not be read", [$"{fullPath}: {e.Message}"]);
        }

        if (!OpenCodeConfigSchema.TryParse(json, out var document, out var parseError))
        {
            throw Invalid(fullPath, "is not valid JSON", [parseError]);
        }

        var errors = OpenCodeConfigSchema.Validate(document);
        return errors.Count == 0 ? document : throw Invalid(fullPath, "does not match the OpenCode config schema", errors);
    }

    private static OpenCodeConfigurationException Invalid(string fullPath, string problem, IReadOnlyList<string> errors) =>
        new(ConfigurationErrorText.Summary($"The configuration file '{fullPath}' {problem}:", errors), errors);
}
