using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

/// <summary>Each schema rule the config schema uses is worded with the setting, its line, and what is allowed.</summary>
public sealed class SchemaErrorTextTests
{
    [Theory]
    [InlineData("""{ "quotas": { "budgets": [ { "period": "daily" } ] } }""",
        "quotas.budgets[0]: set at least one of requests, tokens, cost (line 1, position 28)")]
    [InlineData("""{ "instances": [ { "name": "a" } ] }""",
        "instances[0]: missing required setting apiEndpoint (line 1, position 18)")]
    [InlineData("""{ "auth": { "oauth2": { "grantType": "password" } } }""",
        "auth.oauth2.grantType: 'password' is not allowed; allowed: client_credentials, refresh_token (line 1, position 47)")]
    [InlineData("""{ "models": { "keepAlive": "soon" } }""",
        "models.keepAlive: 'soon' does not match the pattern ^(-?[0-9]+|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$ (line 1, position 33)")]
    [InlineData("""{ "pricing": [ { "model": "" } ] }""", "pricing[0].model: must not be empty (line 1, position 28)")]
    [InlineData("""{ "quotas": { "budgets": [ { "cost": 0 } ] } }""",
        "quotas.budgets[0].cost: 0 is too small; must be more than 0 (line 1, position 38)")]
    [InlineData("""{ "quotas": { "budgets": [ { "tokens": 0 } ] } }""",
        "quotas.budgets[0].tokens: 0 is too small; allowed 1 or more (line 1, position 40)")]
    [InlineData("""{ "RateLimits": { "RequestsPerMinute": 0 } }""",
        "RateLimits.RequestsPerMinute: 0 is out of range; allowed 1 to 1000000 (line 1, position 40)")]
    public void Validate_BrokenRule_NamesSettingLineAndWhatIsAllowed(string json, string expected)
    {
        OpenCodeConfigFile.Validate(json).ShouldHaveSingleItem().ShouldBe(expected);
    }

    [Fact]
    public void Validate_UnknownNameInAnotherCase_NamesItAsWritten()
    {
        OpenCodeConfigFile.Validate("""{ "RateLimits": { "RequestsPerMinit": 1 } }""").ShouldHaveSingleItem()
            .ShouldStartWith("RateLimits.RequestsPerMinit: unknown setting; allowed here: requestsPerMinute, tokensPerMinute,");
    }

    [Fact]
    public void Validate_RequiredNamesInAnotherCase_AreFound()
    {
        OpenCodeConfigFile.Validate("""{ "Instances": [ { "Name": "a", "ApiEndpoint": "http://127.0.0.1:1" } ] }""").ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ProblemsOnSeveralLines_ComeInFileOrder()
    {
        var errors = OpenCodeConfigFile.Validate("{\n  \"timeout\": 1,\n  \"features\": { \"streaming\": 1 },\n  \"idleTimeout\": -1\n}");

        errors.Select(e => e[(e.IndexOf("(line", StringComparison.Ordinal) + 6)..e.IndexOf(',', e.IndexOf("(line", StringComparison.Ordinal))])
            .ShouldBe(["2", "3", "4"]);
    }
}
