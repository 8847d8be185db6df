using Microsoft.Extensions.Configuration;

namespace OpenCode.Configuration;

/// <summary>Environment variables such as <c>OPENCODE_RATELIMITS__REQUESTSPERMINUTE</c>, placed under the section <c>OpenCode</c>.</summary>
internal sealed class OpenCodeEnvironmentVariablesSource(string prefix) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new OpenCodeEnvironmentVariablesProvider(prefix);
}
