using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>A config file checked against the OpenCode schema, its settings placed under the section <c>OpenCode</c>.</summary>
internal sealed class OpenCodeFileConfigurationSource(string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new OpenCodeFileConfigurationProvider(path);
}
