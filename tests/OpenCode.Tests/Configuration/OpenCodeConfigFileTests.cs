using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class OpenCodeConfigFileTests
{
    private const string FullConfig = """
        {
          "$schema": "./opencode.schema.json",
          // comments are allowed, as in appsettings.json
          "apiEndpoint": "http://127.0.0.1:8080/v1",
          "auth": { "apiKeyEnvironmentVariable": "MY_KEY" },
          "rateLimits": { "requestsPerMinute": 120, "tokensPerMinute": 90000, "concurrentRequests": 2, "maxQueueSize": 50 },
          "models": { "defaultModel": "qwen2.5-coder", "enabledModels": ["qwen2.5-coder", "starcoder2"], "autoDiscovery": false, "cacheTimeout": 0 },
          "features": { "streaming": false, "codeCompletion": true, "codeAnalysis": false, "customParameters": true },
          "timeout": 60000,
          "firstTokenTimeout": 20000,
          "defaultTemperature": 0.2,
          "localServer": { "contextSize": 4096, "parallel": 4, "threads": null }
        }
        """;

    [Fact]
    public void Load_FullValidFile_BindsEverySetting()
    {
        using var file = new TempConfigFile(FullConfig);

        var options = OpenCodeConfigFile.Load(file.Path);

        options.ApiEndpoint.ShouldBe("http://127.0.0.1:8080/v1");
        options.Auth.ApiKeyEnvironmentVariable.ShouldBe("MY_KEY");
        options.RateLimits.RequestsPerMinute.ShouldBe(120);
        options.RateLimits.MaxQueueSize.ShouldBe(50);
        options.Models.EnabledModels.ShouldBe(["qwen2.5-coder", "starcoder2"]);
        options.Models.AutoDiscovery.ShouldBeFalse();
        options.Models.CacheTimeout.ShouldBe(0);
        options.Features.Streaming.ShouldBeFalse();
        options.Timeout.ShouldBe(60000);
        options.FirstTokenTimeout.ShouldBe(20000);
        options.DefaultTemperature.ShouldBe(0.2f);
        options.LocalServer.ContextSize.ShouldBe(4096);
        options.LocalServer.Threads.ShouldBeNull();
        options.IdleTimeout.ShouldBe(30000);
    }

    [Fact]
    public void Load_OutOfRangeValue_NamesPathValueRangeAndFile()
    {
        using var file = new TempConfigFile("""{ "rateLimits": { "requestsPerMinute": 5000000 } }""");

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(file.Path));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        error.Errors.ShouldHaveSingleItem().ShouldStartWith("rateLimits.requestsPerMinute: 5000000 is out of range; allowed 1 to 1000000");
        error.Message.ShouldContain(file.Path);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachWithItsPath()
    {
        var errors = OpenCodeConfigFile.Validate("""
            {
              "timeout": 1000,
              "rateLimits": { "requestsPerMinit": 10 },
              "features": { "streaming": "yes" },
              "localServer": { "threads": "four" }
            }
            """);

        errors.Count.ShouldBe(4);
        errors.ShouldContain(e => e.StartsWith("timeout: 1000 is out of range; allowed 5000 to 300000", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("rateLimits.requestsPerMinit: unknown setting; allowed here: requestsPerMinute,", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("features.streaming: 'yes' is not true or false", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("localServer.threads: 'four' is not an integer or null; allowed 1 to 1024", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Problem_CarriesLineAndPosition()
    {
        var errors = OpenCodeConfigFile.Validate("{\n  \"timeout\": 1\n}");

        errors.ShouldHaveSingleItem().ShouldContain("(line 2");
    }

    [Fact]
    public void Validate_UnknownTopLevelProperty_IsRejected()
    {
        OpenCodeConfigFile.Validate("""{ "apiEndpont": "http://x" }""")
            .ShouldHaveSingleItem().ShouldStartWith("apiEndpont: unknown setting; allowed here: apiEndpoint,");
    }

    [Fact]
    public void Validate_PascalCaseNames_AreAcceptedLikeOtherConfiguration()
    {
        OpenCodeConfigFile.Validate("""{ "RateLimits": { "RequestsPerMinute": 10 }, "Timeout": 6000 }""").ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ApiKeyOfWrongType_DoesNotShowTheKey()
    {
        var error = OpenCodeConfigFile.Validate("""{ "auth": { "apiKey": 123456789 } }""").ShouldHaveSingleItem();

        error.ShouldStartWith("auth.apiKey: *** is not a string or null");
        error.ShouldNotContain("123456789");
    }

    [Fact]
    public void Validate_ApiEndpointNotAUri_SaysSo()
    {
        OpenCodeConfigFile.Validate("""{ "apiEndpoint": "not a uri" }""")
            .ShouldHaveSingleItem().ShouldStartWith("apiEndpoint: 'not a uri' is not an absolute URI");
    }

    [Fact]
    public void Validate_NullableSettingOutOfRange_NamesRange()
    {
        OpenCodeConfigFile.Validate("""{ "firstTokenTimeout": 50, "defaultTemperature": 2.5 }""").ShouldBe(
        [
            "firstTokenTimeout: 50 is out of range; allowed 100 to 300000 (line 1, position 25)",
            "defaultTemperature: 2.5 is out of range; allowed 0 to 2 (line 1, position 52)",
        ]);
    }

    [Fact]
    public void Validate_CommentAfterDocument_IsAllowed()
    {
        OpenCodeConfigFile.Validate("{ \"timeout\": 6000 }\n// trailing note").ShouldBeEmpty();
    }

    [Fact]
    public void Validate_RootIsNotAnObject_SaysSo()
    {
        OpenCodeConfigFile.Validate("[1, 2]").ShouldHaveSingleItem().ShouldStartWith("(root): an array is not an object");
    }

    [Fact]
    public void Load_MalformedJson_ThrowsInvalidConfigurationWithLineAndPosition()
    {
        using var file = new TempConfigFile("{\n  \"timeout\": 6000,\n  \"models\": { \n}");

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(file.Path));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        error.Message.ShouldContain("is not valid JSON");
        error.Errors.ShouldHaveSingleItem().ShouldMatch(@"^invalid JSON at line \d+, position \d+: ");
    }

    [Fact]
    public void Load_TrailingContent_IsMalformed()
    {
        using var file = new TempConfigFile("""{ "timeout": 6000 } { }""");

        Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(file.Path))
            .Errors.ShouldHaveSingleItem()
            .ShouldBe("invalid JSON at line 1, position 21: '{' is invalid after a single JSON value. Expected end of data.");
    }

    [Fact]
    public void Load_MissingFile_ThrowsInvalidConfigurationNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(path));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        error.Message.ShouldContain(path);
        error.Errors.ShouldHaveSingleItem().ShouldBe($"{path}: file not found");
    }

    [Fact]
    public void Load_SchemaValidButRuleBroken_ThrowsWithValidatorMessage()
    {
        using var file = new TempConfigFile("""{ "models": { "defaultModel": "a", "enabledModels": ["b"] } }""");

        Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(file.Path))
            .Errors.ShouldHaveSingleItem().ShouldBe("models.defaultModel: 'a' is not in models.enabledModels; allowed: b");
    }

    [Fact]
    public void Load_DateLikeString_StaysAString()
    {
        using var file = new TempConfigFile("""{ "models": { "defaultModel": "2024-05-01" } }""");

        OpenCodeConfigFile.Load(file.Path).Models.DefaultModel.ShouldBe("2024-05-01");
    }
}
