using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

public sealed class ApiKeyAuthenticationTests
{
    [Theory]
    [InlineData(null, null, "Authorization", "Bearer sk-test-secret")]
    [InlineData("api-key", null, "api-key", "sk-test-secret")]
    [InlineData("x-api-key", null, "x-api-key", "sk-test-secret")]
    [InlineData("x-api-key", "Token", "x-api-key", "Token sk-test-secret")]
    [InlineData("Authorization", "", "Authorization", "sk-test-secret")]
    [InlineData(null, "Key", "Authorization", "Key sk-test-secret")]
    public async Task ApiKey_HeaderAndScheme_SentAsConfigured(string? headerName, string? scheme, string expectedHeader, string expectedValue)
    {
        string? seen = null;
        var handler = new ScriptedHandler((request, _, _) =>
        {
            seen = request.Headers.TryGetValues(expectedHeader, out var values) ? string.Join(",", values) : null;
            return Task.FromResult(ScriptedHandler.Json("""{"data":[{"id":"a"}]}"""));
        });
        using var client = ClientHarness.Create(handler, configure: o => new() { Endpoint = o.Endpoint, ApiKey = o.ApiKey, ApiKeyHeaderName = headerName, ApiKeyScheme = scheme });

        await client.ListModelsAsync(TestContext.Current.CancellationToken);

        seen.ShouldBe(expectedValue);
    }

    [Fact]
    public async Task ApiKey_CustomHeader_NoAuthorizationHeaderSent()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("""{"data":[{"id":"a"}]}""")));
        using var client = ClientHarness.Create(handler, configure: o => new() { Endpoint = o.Endpoint, ApiKey = o.ApiKey, ApiKeyHeaderName = "api-key" });

        await client.ListModelsAsync(TestContext.Current.CancellationToken);

        handler.Requests.ShouldAllBe(r => r.Authorization == null);
        handler.Requests.ShouldNotBeEmpty();
    }

    [Fact]
    public void FromOptions_AuthHeaderAndScheme_CarriedToClientOptions()
    {
        var options = new OpenCodeOptions { Auth = { ApiKey = "sk-test-secret", ApiKeyHeader = "x-api-key", ApiKeyScheme = "Token" } };

        var client = OpenCodeClientOptions.FromOptions(options, ClientHarness.Endpoint);

        client.ApiKeyHeaderName.ShouldBe("x-api-key");
        client.ApiKeyScheme.ShouldBe("Token");
        options.Auth.ToString().ShouldNotContain("sk-test-secret");
    }
}
