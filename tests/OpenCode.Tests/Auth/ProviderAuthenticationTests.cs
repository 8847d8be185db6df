using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

public sealed class ProviderAuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Initialize_NoAuthValidateAndPublicModels_ChecksPropsAndFailsNamingIt()
    {
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/auth/validate" => ScriptedHandler.Json("""{"error":"not found"}""", HttpStatusCode.NotFound),
            "/v1/models" => ScriptedHandler.Json("""{"data":[{"id":"tiny"}]}"""),
            _ => ScriptedHandler.Json("""{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""", HttpStatusCode.Unauthorized),
        }));
        await using var provider = new OpenCodeProvider(
            new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18080", Auth = { ApiKey = "sk-wrong-7e6d5c4b" } }, new HttpClient(handler));

        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => provider.InitializeAsync(Ct));

        error.Message.ShouldStartWith("Credential validation failed: the server rejected the API key (auth.apiKey, header Authorization)");
        error.Message.ShouldContain("http://127.0.0.1:18080/props answered 401");
        error.Message.ShouldNotContain("sk-wrong-7e6d5c4b");
        handler.Requests.Select(r => r.Uri.AbsolutePath).ShouldBe(["/auth/validate", "/v1/models", "/props"]);
    }

    [Fact]
    public async Task Initialize_AuthValidateSaysInvalid_FailsBeforeAnyOtherCall()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("""{"valid":false}""")));
        await using var provider = new OpenCodeProvider(
            new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18080", Auth = { ApiKey = "sk-revoked-1a2b3c4d" } }, new HttpClient(handler));

        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => provider.InitializeAsync(Ct));

        error.Message.ShouldBe("Credential validation failed: http://127.0.0.1:18080/auth/validate says the API key (auth.apiKey, header Authorization) is not valid.");
        handler.Requests.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("http://gateway.example.com/v1", false, true)]
    [InlineData("http://gateway.example.com/v1", true, false)]
    [InlineData("https://gateway.example.com/v1", false, false)]
    [InlineData("http://localhost:8080/v1", false, false)]
    [InlineData("http://[::1]:8080/v1", false, false)]
    public async Task Initialize_CredentialOverPlainHttpToAnotherHost_RefusedBeforeSendingUnlessAllowed(string endpoint, bool allowInsecure, bool refused)
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("""{"data":[{"id":"tiny"}]}""")));
        await using var provider = new OpenCodeProvider(
            new OpenCodeOptions { ApiEndpoint = endpoint, Auth = { ApiKey = "sk-3f2e1d0c", AllowInsecureHttp = allowInsecure } }, new HttpClient(handler));

        var error = await Record.ExceptionAsync(() => provider.InitializeAsync(Ct));

        if (refused)
        {
            error.ShouldBeOfType<OpenCodeConfigurationException>().Message.ShouldStartWith("apiEndpoint: HTTPS is required for 'gateway.example.com'");
            handler.Requests.ShouldBeEmpty();
        }
        else
        {
            error.ShouldBeNull();
        }
    }

    [Fact]
    public async Task Initialize_PlainHttpToAnotherHostWithoutCredential_RefusedBeforeSending()
    {
        var handler = new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json("""{"data":[{"id":"tiny"}]}""")));
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = "http://gateway.example.com/v1" }, new HttpClient(handler));

        var error = await Should.ThrowAsync<OpenCodeConfigurationException>(() => provider.InitializeAsync(Ct));

        error.Message.ShouldContain("HTTPS is required for 'gateway.example.com'");
        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Client_ApiKeyOverPlainHttpToAnotherHost_Refused()
    {
        var options = new OpenCodeClientOptions { Endpoint = new Uri("http://10.1.2.3:8000/v1"), ApiKey = "sk-3f2e1d0c" };

        Should.Throw<OpenCodeConfigurationException>(() => new OpenCodeClient(options)).Message.ShouldContain("auth.allowInsecureHttp");
    }

    [Fact]
    public async Task AddOpenCode_CredentialStoreRegistered_ResolvesConfiguredCredentialByName()
    {
        var clock = new FakeTimeProvider();
        await using var server = await TokenServer.StartAsync(clock);
        server.ApiKeys.Add("sk-from-di-store-3344");
        var store = new MemoryCredentialStore();
        await store.SetAsync("team", new StoredCredential(CredentialKind.ApiKey, "sk-from-di-store-3344"), Ct);
        var services = new ServiceCollection();
        services.AddSingleton<ICredentialStore>(store);
        services.AddOpenCode(o =>
        {
            o.ApiEndpoint = server.Url.ToString();
            o.Auth.Credential = "team";
        });
        await using var container = services.BuildServiceProvider();

        var provider = container.GetRequiredService<OpenCodeProvider>();
        await provider.InitializeAsync(Ct);

        server.ApiRequests.ShouldNotBeEmpty();
        server.ApiRequests.ShouldAllBe(r => r.Authorization == "Bearer sk-from-di-store-3344");
    }

    [Fact]
    public async Task TwoProviders_DifferentAuthInOneProcess_EachSendsItsOwnCredential()
    {
        var clock = new FakeTimeProvider();
        await using var server = await TokenServer.StartAsync(clock);
        server.ApiKeys.Add("sk-second-instance-5566");
        var oauth = new OpenCodeOptions { ApiEndpoint = server.Url.ToString(), Auth = AuthHarness.ClientCredentials(server) };
        var store = new MemoryCredentialStore();
        await store.SetAsync("second", new StoredCredential(CredentialKind.ApiKey, "sk-second-instance-5566"), Ct);
        var apiKey = new OpenCodeOptions { ApiEndpoint = server.Url.ToString(), Auth = { Credential = "second" } };
        await using var first = new OpenCodeProvider(oauth, timeProvider: clock);
        await using var second = new OpenCodeProvider(apiKey, timeProvider: clock, credentialStore: store);

        await Task.WhenAll(first.InitializeAsync(Ct), second.InitializeAsync(Ct));
        var firstModels = await first.ListModelsAsync(Ct);
        var secondModels = await second.ListModelsAsync(Ct);

        firstModels.ShouldNotBeEmpty();
        secondModels.ShouldNotBeEmpty();
        server.TokenRequests.ShouldBe(1);
        var sent = server.ApiRequests.Select(r => r.Authorization).Distinct().ToList();
        sent.Count.ShouldBe(2);
        sent.ShouldContain("Bearer sk-second-instance-5566");
        sent.ShouldContain(a => a.StartsWith("Bearer at-", StringComparison.Ordinal));
        first.GetService<OpenCodeClient>()!.CredentialDescription.ShouldStartWith("OAuth 2.0 client credentials");
        second.GetService<OpenCodeClient>()!.CredentialDescription.ShouldBe("API key (stored credential 'second', header Authorization)");
    }
}
