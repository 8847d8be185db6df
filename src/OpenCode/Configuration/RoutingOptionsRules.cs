namespace OpenCode.Configuration;

/// <summary>The rules over <see cref="OpenCodeOptions.Instances"/> and <see cref="OpenCodeOptions.Routing"/>.</summary>
internal static class RoutingOptionsRules
{
    internal static void Check(OpenCodeOptions options, List<string> errors)
    {
        if (options.Instances is not { } instances)
        {
            errors.Add("instances: must be set; it was null");
            return;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            var path = $"instances[{i}]";
            if (instance is null)
            {
                errors.Add($"{path}: must be an object with name and apiEndpoint");
                continue;
            }

            if (string.IsNullOrWhiteSpace(instance.Name))
            {
                errors.Add($"{path}.name: must be set");
            }
            else if (!names.Add(instance.Name))
            {
                errors.Add($"{path}.name: '{instance.Name}' is used by another instance; names must be unique");
            }

            if (instance.Auth is { } auth)
            {
                // The rules that tie an auth section's settings together, named where the user wrote them.
                var own = new List<string>();
                AuthOptionsRules.Check(auth, own);
                errors.AddRange(own.Select(error => $"{path}.{error}"));
            }

            if (string.IsNullOrEmpty(instance.ApiEndpoint))
            {
                errors.Add($"{path}.apiEndpoint: must be set");
            }
            else
            {
                OpenCodeOptionsRules.CheckEndpoint(instance.ApiEndpoint, path + ".apiEndpoint", errors);
            }
        }

        if (options.Routing?.Selection?.Rules is { } rules)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(rules[i]?.Model))
                {
                    errors.Add($"routing.selection.rules[{i}].model: must be set");
                }
            }
        }
    }
}
