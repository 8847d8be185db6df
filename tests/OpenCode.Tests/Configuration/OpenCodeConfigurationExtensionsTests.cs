using Microsoft.Extensions.Configuration;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class OpenCodeConfigurationExtensionsTests
{
    [Fact]
    public void AddOpenCodeConfiguration_RealEnvironmentVariables_OverrideFileAndMapApiKey()
    {
        // A unique prefix keeps this test's variables away from other tests and from the machine's OPENCODE_* variables.
        var prefix = $"OCTEST{Guid.NewGuid():N}_";
        using var file = new TempConfigFile("""{ "timeout": 40000, "rateLimits": { "requestsPerMinute": 10, "maxQueueSize": 20 } }""");
        string[] names = [prefix + "TIMEOUT", prefix + "RATELIMITS__REQUESTSPERMINUTE", prefix + "API_KEY", prefix + "CONFIG"];
        string[] values = ["50000", "11", "sk-test", "/some/other/tool.json"];
        try
        {
            for (var i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], values[i]);
            }

            var configuration = new ConfigurationBuilder().AddOpenCodeConfiguration(file.Path, prefix).Build();
            var options = configuration.GetOpenCodeOptions();

            options.Timeout.ShouldBe(50000);
            options.RateLimits.RequestsPerMinute.ShouldBe(11);
            options.RateLimits.MaxQueueSize.ShouldBe(20);
            options.Auth.ApiKey.ShouldBe("sk-test");
            configuration["OpenCode:CONFIG"].ShouldBeNull();
        }
        finally
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void AddOpenCodeConfiguration_FileSettings_LandInOpenCodeSection()
    {
        using var file = new TempConfigFile("""{ "$schema": "x", "models": { "enabledModels": ["a", "b"] }, "modelPath": null }""");

        var configuration = new ConfigurationBuilder().AddOpenCodeConfiguration(file.Path, "OCTEST_NONE_").Build();

        configuration["OpenCode:models:enabledModels:1"].ShouldBe("b");
        configuration["OpenCode:$schema"].ShouldBeNull();
        configuration.GetSection("OpenCode:modelPath").Exists().ShouldBeFalse();
    }

    [Fact]
    public void AddOpenCodeConfiguration_InvalidFile_BuildThrowsInvalidConfiguration()
    {
        using var file = new TempConfigFile("""{ "timeout": "soon" }""");
        var builder = new ConfigurationBuilder().AddOpenCodeConfiguration(file.Path);

        var error = Should.Throw<OpenCodeConfigurationException>(() => builder.Build());

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("timeout: 'soon' is not an integer; allowed 5000 to 300000");
    }

    [Fact]
    public void AddOpenCodeConfiguration_NoFile_AddsOnlyEnvironment()
    {
        var builder = new ConfigurationBuilder().AddOpenCodeConfiguration(configFilePath: null);

        builder.Sources.ShouldHaveSingleItem().ShouldNotBeOfType<FileConfigurationSource>();
    }
}
