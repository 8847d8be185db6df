using Microsoft.Extensions.Options;

namespace OpenCode.Configuration;

/// <summary>Validates <see cref="OpenCodeOptions"/>: every range, in nested settings too, and the rules that tie settings together.</summary>
/// <remarks>
/// Each problem names the setting by its path in a config file and the allowed values, for example
/// <c>rateLimits.requestsPerMinute: 5000 is out of range; allowed 1 to 1000</c>.
/// Setting neither <see cref="OpenCodeOptions.ApiEndpoint"/> nor <see cref="OpenCodeOptions.ModelPath"/> is valid here:
/// whether a provider can start without them is decided when it starts.
/// </remarks>
internal sealed class OpenCodeOptionsValidator : IValidateOptions<OpenCodeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OpenCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = GetErrors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Returns every problem with <paramref name="options"/>.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>One message per problem; empty when the options are valid.</returns>
    public static IReadOnlyList<string> GetErrors(OpenCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var invalidPaths = new HashSet<string>(StringComparer.Ordinal);
        AnnotatedOptionsValidator.Validate(options, string.Empty, errors, invalidPaths);
        OpenCodeOptionsRules.Check(options, errors, invalidPaths);
        return errors;
    }

    /// <summary>Throws when <paramref name="options"/> are invalid; for callers that do not use dependency injection.</summary>
    /// <param name="options">The options to check.</param>
    /// <exception cref="OpenCodeConfigurationException">The options are invalid; <see cref="OpenCodeConfigurationException.Errors"/> lists every problem.</exception>
    public static void ValidateOrThrow(OpenCodeOptions options)
    {
        var errors = GetErrors(options);
        if (errors.Count > 0)
        {
            throw new OpenCodeConfigurationException(
                ConfigurationErrorText.Summary("The OpenCode settings are invalid:", errors), errors);
        }
    }
}
