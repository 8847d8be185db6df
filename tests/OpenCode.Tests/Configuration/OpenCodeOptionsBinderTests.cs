using Microsoft.Extensions.Configuration;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class OpenCodeOptionsBinderTests
{
    // Keys as AddEnvironmentVariables("OPENCODE_") produces them: prefix stripped, "__" turned into ":", case kept.
    private static IConfiguration EnvironmentLike(params (string Key, string? Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value))).Build();

    [Fact]
    public void Bind_RootLevelEnvironmentKeys_SetNestedSettings()
    {
        var options = OpenCodeOptionsBinder.Bind(EnvironmentLike(
            ("APIENDPOINT", "http://127.0.0.1:9000"),
            ("TIMEOUT", "45000"),
            ("RATELIMITS:REQUESTSPERMINUTE", "7"),
            ("FEATURES:STREAMING", "false"),
            ("DEFAULTTEMPERATURE", "0.5"),
            ("MODELS:ENABLEDMODELS", "a, b,c")));

        options.ApiEndpoint.ShouldBe("http://127.0.0.1:9000");
        options.Timeout.ShouldBe(45000);
        options.RateLimits.RequestsPerMinute.ShouldBe(7);
        options.Features.Streaming.ShouldBeFalse();
        options.DefaultTemperature.ShouldBe(0.5f);
        options.Models.EnabledModels.ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Bind_ApiKeyAlias_SetsAuthApiKeyAndWinsOverAuthSetting()
    {
        var options = OpenCodeOptionsBinder.Bind(EnvironmentLike(("AUTH:APIKEY", "from-file"), ("API_KEY", "from-env")));

        options.Auth.ApiKey.ShouldBe("from-env");
    }

    [Fact]
    public void Bind_OpenCodeSection_IsPreferredOverRootKeys()
    {
        var options = OpenCodeOptionsBinder.Bind(EnvironmentLike(
            ("OpenCode:rateLimits:concurrentRequests", "3"), ("OpenCode:models:enabledModels:0", "x"), ("TIMEOUT", "99999")));

        options.RateLimits.ConcurrentRequests.ShouldBe(3);
        options.Models.EnabledModels.ShouldBe(["x"]);
        options.Timeout.ShouldBe(30000);
    }

    [Fact]
    public void Bind_WrongType_ThrowsInvalidConfigurationNamingSettingAndKey()
    {
        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(EnvironmentLike(("TIMEOUT", "abc"))));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        error.Errors.ShouldHaveSingleItem().ShouldBe("timeout: 'abc' is not an integer; allowed 5000 to 300000 (configuration key 'TIMEOUT')");
    }

    [Fact]
    public void Bind_SeveralWrongValues_ReportsAllOfThem()
    {
        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(EnvironmentLike(
            ("OpenCode:features:streaming", "maybe"), ("OpenCode:rateLimits:maxQueueSize", "1e3"), ("OpenCode:defaultTemperature", "warm"))));

        error.Errors.Count.ShouldBe(3);
        error.Errors.ShouldContain(e => e.StartsWith("features.streaming: 'maybe' is not true or false", StringComparison.Ordinal));
        error.Errors.ShouldContain(e => e.StartsWith("rateLimits.maxQueueSize: '1e3' is not an integer", StringComparison.Ordinal));
        error.Errors.ShouldContain(e => e.StartsWith("defaultTemperature: 'warm' is not a number", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_UnknownNestedKey_IsAnError()
    {
        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(EnvironmentLike(("RATELIMITS:REQUESTSPERMINUT", "5"))));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("rateLimits.REQUESTSPERMINUT: unknown setting; allowed here: requestsPerMinute, tokensPerMinute");
    }

    [Fact]
    public void Bind_UnknownKeyInOpenCodeSection_IsAnError()
    {
        Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(EnvironmentLike(("OpenCode:timeoutt", "5"))))
            .Errors.ShouldHaveSingleItem().ShouldContain("(configuration key 'OpenCode:timeoutt')");
    }

    [Fact]
    public void Bind_SectionPassedDirectly_IsStrictAndTakesApiKeyAlias()
    {
        var good = EnvironmentLike(("Tools:OpenCode:timeout", "6000"), ("Tools:OpenCode:API_KEY", "k"));
        var bad = EnvironmentLike(("Tools:OpenCode:timeout", "6000"), ("Tools:OpenCode:extra", "1"));

        var options = OpenCodeOptionsBinder.Bind(good.GetSection("Tools:OpenCode"));
        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(bad.GetSection("Tools:OpenCode")));

        error.Errors.ShouldHaveSingleItem().ShouldStartWith("extra: unknown setting");
        options.Timeout.ShouldBe(6000);
        options.Auth.ApiKey.ShouldBe("k");
    }

    [Fact]
    public void Bind_UnrelatedRootKeys_AreIgnored()
    {
        var options = OpenCodeOptionsBinder.Bind(EnvironmentLike(("Logging:LogLevel:Default", "Warning"), ("TIMEOUT", "6000")));

        options.Timeout.ShouldBe(6000);
    }

    [Fact]
    public void Bind_ValueWhereSectionExpected_IsAnError()
    {
        Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsBinder.Bind(EnvironmentLike(("RATELIMITS", "10"))))
            .Errors.ShouldHaveSingleItem().ShouldStartWith("rateLimits: expected an object");
    }

    [Fact]
    public void Bind_EmptyValueForNumber_KeepsDefault()
    {
        OpenCodeOptionsBinder.Bind(EnvironmentLike(("TIMEOUT", ""))).Timeout.ShouldBe(30000);
    }

    [Fact]
    public void Bind_OutOfRangeValue_BindsAndLeavesRangeToValidator()
    {
        var options = OpenCodeOptionsBinder.Bind(EnvironmentLike(("RATELIMITS:REQUESTSPERMINUTE", "5000000")));

        options.RateLimits.RequestsPerMinute.ShouldBe(5000000);
        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldStartWith("rateLimits.requestsPerMinute: 5000000 is out of range");
    }
}
