using System.Globalization;
using Microsoft.Extensions.Options;
using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class OpenCodeOptionsValidatorTests
{
    // Every ranged setting with its bounds; the schema test checks the same bounds against docs/opencode.schema.json.
    private static readonly (string Path, double Min, double Max, double Step)[] Ranges =
    [
        ("rateLimits.requestsPerMinute", 1, 1_000_000, 1),
        ("rateLimits.tokensPerMinute", 1000, 1_000_000_000, 1),
        ("rateLimits.concurrentRequests", 1, 10_000, 1),
        ("rateLimits.maxQueueSize", 10, 100_000, 1),
        ("models.cacheTimeout", 0, 86400, 1),
        ("timeout", 5000, 300000, 1),
        ("connectTimeout", 100, 300000, 1),
        ("firstTokenTimeout", 100, 300000, 1),
        ("idleTimeout", 100, 300000, 1),
        ("defaultTemperature", 0, 2, 0.1),
        ("localServer.contextSize", 64, 1_048_576, 1),
        ("localServer.parallel", 1, 64, 1),
        ("localServer.threads", 1, 1024, 1),
        ("localServer.startupTimeout", 1000, 600000, 1),
        ("localServer.maxRestarts", 0, 100, 1),
    ];

    public static TheoryData<string, double, bool> Boundaries()
    {
        var data = new TheoryData<string, double, bool>();
        foreach (var (path, min, max, step) in Ranges)
        {
            data.Add(path, min - step, false);
            data.Add(path, min, true);
            data.Add(path, max, true);
            data.Add(path, max + step, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void GetErrors_RangeBoundary_AcceptsInsideAndNamesPathAndRangeOutside(string path, double value, bool valid)
    {
        // firstTokenTimeout may not exceed timeout, so give it the most room.
        var options = new OpenCodeOptions { Timeout = 300000 };
        OptionsPath.Set(options, path, value);

        var errors = OpenCodeOptionsValidator.GetErrors(options);

        if (valid)
        {
            errors.ShouldBeEmpty();
        }
        else
        {
            var range = Ranges.Single(r => r.Path == path);
            errors.ShouldHaveSingleItem().ShouldBe(
                $"{path}: {value.ToString(CultureInfo.InvariantCulture)} is out of range; allowed {range.Min.ToString(CultureInfo.InvariantCulture)} to {range.Max.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    [Fact]
    public void GetErrors_Defaults_AreValid()
    {
        OpenCodeOptionsValidator.GetErrors(new OpenCodeOptions()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("https://models.example/v1", true)]
    [InlineData("", true)]
    [InlineData("ftp://host/v1", false)]
    [InlineData("127.0.0.1:8080", false)]
    [InlineData("/v1/chat", false)]
    [InlineData("not a uri", false)]
    public void GetErrors_ApiEndpoint_MustBeAbsoluteHttpOrHttps(string endpoint, bool valid)
    {
        var errors = OpenCodeOptionsValidator.GetErrors(new OpenCodeOptions { ApiEndpoint = endpoint });

        if (valid)
        {
            errors.ShouldBeEmpty();
        }
        else
        {
            errors.ShouldHaveSingleItem().ShouldBe($"apiEndpoint: '{endpoint}' is not an absolute http or https URI");
        }
    }

    [Fact]
    public void GetErrors_DefaultModelNotEnabled_NamesBothSettings()
    {
        var options = new OpenCodeOptions { Models = { DefaultModel = "codellama", EnabledModels = ["starcoder2", "qwen"] } };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem()
            .ShouldBe("models.defaultModel: 'codellama' is not in models.enabledModels; allowed: starcoder2, qwen");
    }

    [Fact]
    public void GetErrors_DefaultModelWithEmptyEnabledList_IsValid()
    {
        OpenCodeOptionsValidator.GetErrors(new OpenCodeOptions { Models = { DefaultModel = "codellama" } }).ShouldBeEmpty();
    }

    [Fact]
    public void GetErrors_EmptyEnabledModel_NamesIndex()
    {
        var options = new OpenCodeOptions { Models = { EnabledModels = ["a", " "] } };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldBe("models.enabledModels[1]: must not be empty");
    }

    [Fact]
    public void GetErrors_FirstTokenTimeoutAboveTimeout_IsAcceptedNowThatTimeoutNoLongerBoundsTheWholeRequest()
    {
        var options = new OpenCodeOptions { Timeout = 10000, FirstTokenTimeout = 20000 };

        OpenCodeOptionsValidator.GetErrors(options).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(999)]
    [InlineData(86_400_001)]
    public void GetErrors_MaxRequestDurationOutOfRange_NamesTheSettingAndRange(int value)
    {
        var options = new OpenCodeOptions { MaxRequestDuration = value };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldContain("maxRequestDuration");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void GetErrors_ProfileModelMissing_ReportsOnlyTheRequiredMessage(string? model)
    {
        var options = new OpenCodeOptions { Profiles = [new ModelProfileOptions { Model = model! }] };

        // [Required] fails first and hides the property's other attributes ([MinLength] would fail on "" too).
        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldBe("profiles[0].model: is required: the model id, or a prefix ending in *");
    }

    [Fact]
    public void GetErrors_PatternMismatch_NamesThePathWithTheAttributesMessage()
    {
        var options = new OpenCodeOptions { Models = { KeepAlive = "soon" } };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem()
            .ShouldBe("models.keepAlive: must be an Ollama duration such as 30s, 5m, 1h30m, a number of seconds, -1 (forever) or 0 (unload)");
    }

    [Fact]
    public void GetErrors_NullNestedSection_IsReportedNotThrown()
    {
        var options = new OpenCodeOptions { RateLimits = null! };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldBe("rateLimits: must be set; it was null");
    }

    [Theory]
    [InlineData("x api key")]
    [InlineData("api:key")]
    public void GetErrors_BadApiKeyHeader_IsRejected(string header)
    {
        var options = new OpenCodeOptions { Auth = { ApiKeyHeader = header } };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldStartWith("auth.apiKeyHeader:");
    }

    [Fact]
    public void GetErrors_BadApiKeyVariableName_IsRejected()
    {
        var options = new OpenCodeOptions { Auth = { ApiKeyEnvironmentVariable = "A=B" } };

        OpenCodeOptionsValidator.GetErrors(options).ShouldHaveSingleItem().ShouldStartWith("auth.apiKeyEnvironmentVariable:");
    }

    [Fact]
    public void GetErrors_NeitherEndpointNorModelPath_IsValid()
    {
        // Whether a provider can start without either is decided when it starts (the CLI falls back to a demo model).
        OpenCodeOptionsValidator.GetErrors(new OpenCodeOptions { ApiEndpoint = null, ModelPath = null }).ShouldBeEmpty();
    }

    [Fact]
    public void ValidateOrThrow_SeveralProblems_ThrowsWithAllOfThem()
    {
        var options = new OpenCodeOptions { Timeout = 1, RateLimits = { ConcurrentRequests = 0 }, LocalServer = { Parallel = 65 } };

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsValidator.ValidateOrThrow(options));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        error.Errors.Count.ShouldBe(3);
        error.Errors.ShouldContain("timeout: 1 is out of range; allowed 5000 to 300000");
        error.Errors.ShouldContain("rateLimits.concurrentRequests: 0 is out of range; allowed 1 to 10000");
        error.Errors.ShouldContain("localServer.parallel: 65 is out of range; allowed 1 to 64");
        error.Message.ShouldContain("rateLimits.concurrentRequests");
    }

    [Fact]
    public void ValidateOrThrow_ValidOptions_DoesNotThrow()
    {
        Should.NotThrow(() => OpenCodeOptionsValidator.ValidateOrThrow(new OpenCodeOptions { ApiEndpoint = "http://localhost:8080" }));
    }

    [Fact]
    public void Validate_InvalidOptions_FailsWithEveryMessage()
    {
        var result = new OpenCodeOptionsValidator().Validate(Options.DefaultName, new OpenCodeOptions { IdleTimeout = 0 });

        result.Failed.ShouldBeTrue();
        result.Failures!.ShouldHaveSingleItem().ShouldBe("idleTimeout: 0 is out of range; allowed 100 to 300000");
    }
}
