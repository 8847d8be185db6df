using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace OpenCode.Configuration;

/// <summary>Reads prefixed environment variables and moves them under the section <c>OpenCode</c>.</summary>
/// <remarks>
/// Other tools also set <c>OPENCODE_*</c> variables (<c>OPENCODE_CONFIG</c>, for one), so only variables whose first
/// segment names an OpenCode setting, or the <c>OPENCODE_API_KEY</c> alias, are taken; below that, names are checked strictly.
/// </remarks>
internal sealed class OpenCodeEnvironmentVariablesProvider(string prefix) : EnvironmentVariablesConfigurationProvider(prefix)
{
    private static readonly HashSet<string> KnownRoots = new(
        OptionsShape.Settings(typeof(OpenCodeOptions)).Select(p => p.Name).Append(OpenCodeOptionsBinder.ApiKeyAlias),
        StringComparer.OrdinalIgnoreCase);

    public override void Load()
    {
        base.Load();
        Data = Data
            .Where(pair => KnownRoots.Contains(pair.Key.Split(ConfigurationPath.KeyDelimiter)[0]))
            .ToDictionary(pair => ConfigurationPath.Combine(OpenCodeOptions.SectionName, pair.Key), pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }
}
