namespace OpenCode.Configuration;

/// <summary>The rules that tie settings together, which no single range attribute can express.</summary>
internal static class OpenCodeOptionsRules
{
    /// <summary>Adds a message per broken rule; a rule over a setting already out of range is skipped, to say each problem once.</summary>
    internal static void Check(OpenCodeOptions options, List<string> errors, HashSet<string> invalidPaths)
    {
        CheckEndpoint(options.ApiEndpoint, "apiEndpoint", errors);
        if (options.Models is { } models)
        {
            CheckModels(models, errors);
        }

        OpenCodeQuotaRules.Check(options, errors);
        RoutingOptionsRules.Check(options, errors);

        if (options.Auth is { } auth)
        {
            AuthOptionsRules.Check(auth, errors);
        }
    }

    internal static void CheckEndpoint(string? endpoint, string path, List<string> errors)
    {
        // An empty value (say OPENCODE_APIENDPOINT=) means "not set", as it does for the other optional strings.
        if (string.IsNullOrEmpty(endpoint))
        {
            return;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{path}: '{endpoint}' is not an absolute http or https URI");
        }
    }

    private static void CheckModels(ModelOptions models, List<string> errors)
    {
        if (models.EnabledModels is not { } enabled)
        {
            errors.Add("models.enabledModels: must be set; it was null");
            return;
        }

        for (var i = 0; i < enabled.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(enabled[i]))
            {
                errors.Add($"models.enabledModels[{i}]: must not be empty");
            }
        }

        if (!string.IsNullOrEmpty(models.DefaultModel) && enabled.Count > 0 && !enabled.Contains(models.DefaultModel, StringComparer.Ordinal))
        {
            errors.Add($"models.defaultModel: '{models.DefaultModel}' is not in models.enabledModels; allowed: {string.Join(", ", enabled)}");
        }
    }
}
