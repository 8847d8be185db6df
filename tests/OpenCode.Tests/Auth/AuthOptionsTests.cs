using OpenCode.Configuration;
using OpenCode.Tests.Configuration;

namespace OpenCode.Tests.Auth;

public sealed class AuthOptionsTests
{
    [Fact]
    public void Load_NestedAuthSections_BindEverySetting()
    {
        using var file = new TempConfigFile("""
            {
              "apiEndpoint": "https://gateway.example.com/v1",
              "auth": {
                "credential": "work",
                "allowInsecureHttp": true,
                "oauth2": { "tokenUrl": "https://login.example.com/token", "grantType": "refresh_token", "clientId": "ci", "scopes": ["a", "b"], "refreshSkewSeconds": 30 },
                "hmac": { "keyId": "gw", "credential": "gw-secret" }
              }
            }
            """);

        var auth = OpenCodeConfigFile.Load(file.Path).Auth;

        auth.Credential.ShouldBe("work");
        auth.AllowInsecureHttp.ShouldBeTrue();
        auth.Oauth2.TokenUrl.ShouldBe("https://login.example.com/token");
        auth.Oauth2.GrantType.ShouldBe(OAuth2Options.RefreshTokenGrant);
        auth.Oauth2.Scopes.ShouldBe(["a", "b"]);
        auth.Oauth2.RefreshSkewSeconds.ShouldBe(30);
        auth.Hmac.Credential.ShouldBe("gw-secret");
    }

    [Theory]
    [InlineData("""{ "auth": { "oauth2": { "grantType": "password" } } }""", "auth.oauth2.grantType")]
    [InlineData("""{ "auth": { "oauth2": { "refreshSkewSeconds": 7200 } } }""", "auth.oauth2.refreshSkewSeconds: 7200 is out of range; allowed 0 to 3600")]
    [InlineData("""{ "auth": { "jwt": { "algorithm": "HS256" } } }""", "auth.jwt.algorithm")]
    [InlineData("""{ "auth": { "jwt": { "expiresIn": 10 } } }""", "auth.jwt.expiresIn: 10 is out of range; allowed 60 to 86400")]
    [InlineData("""{ "auth": { "credential": "../etc/passwd" } }""", "auth.credential: '../etc/passwd' is not a valid credential name")]
    public void Load_InvalidAuthSetting_NamesTheSetting(string json, string expected)
    {
        using var file = new TempConfigFile(json);

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeConfigFile.Load(file.Path));

        error.Errors.ShouldContain(e => e.StartsWith(expected, StringComparison.Ordinal), string.Join("\n", error.Errors));
    }

    [Fact]
    public void Validate_OAuth2AndJwtBoth_AsksForOne()
    {
        var options = new OpenCodeOptions { Auth = { Oauth2 = { TokenUrl = "https://login.example.com/token" }, Jwt = { PrivateKeyFile = "/keys/k.pem" } } };

        var error = Should.Throw<OpenCodeConfigurationException>(() => OpenCodeOptionsValidator.ValidateOrThrow(options));

        error.Errors.ShouldContain("auth: both oauth2.tokenUrl and a jwt private key are set; configure one way to authenticate");
    }

    [Fact]
    public void ToString_EverySecretSet_ShowsNone()
    {
        var options = new OpenCodeOptions
        {
            Auth =
            {
                ApiKey = "sk-tostring-1",
                Oauth2 = { ClientSecret = "cs-tostring-2", RefreshToken = "rt-tostring-3" },
                Jwt = { PrivateKey = "-----BEGIN PRIVATE KEY-----tostring-4" },
                Hmac = { Secret = "hmac-tostring-5" },
            },
        };

        var text = options.ToString();

        text.ShouldContain("ClientSecret = ***");
        text.ShouldNotContain("tostring");
    }
}
