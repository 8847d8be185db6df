using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>Loads a schema-checked config file; a bad file fails the configuration build with <see cref="OpenCodeConfigurationException"/>.</summary>
internal sealed class OpenCodeFileConfigurationProvider(string path) : ConfigurationProvider
{
    public override void Load() =>
        Data = JsonTokenFlattener.Flatten(OpenCodeConfigFile.ReadValidated(path).Root, OpenCodeOptions.SectionName);

    public override string ToString() => $"{nameof(OpenCodeFileConfigurationProvider)} for '{path}'";
}
