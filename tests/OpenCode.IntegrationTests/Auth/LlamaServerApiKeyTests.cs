using System.Net;
using System.Text;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Auth;

/// <summary>What a real llama-server started with <c>--api-key</c> protects, and how initialization uses that to fail fast.</summary>
public sealed class LlamaServerApiKeyTests(LlamaServerFixture fixture)
{
    private const string Key = "llama-key-0b1c2d3e4f";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Server_WithApiKey_KeepsOnlyHealthPublic()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, ApiKey = Key }, cts.Token);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string? key)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("""{"content":"hi"}""", Encoding.UTF8, "application/json");
            }

            if (key is not null)
            {
                request.Headers.Authorization = new("Bearer", key);
            }

            using var response = await http.SendAsync(request, cts.Token);
            return response.StatusCode;
        }

        foreach (var path in (string[])["health", "v1/health"])
        {
            (await StatusAsync(HttpMethod.Get, path, null)).ShouldBe(HttpStatusCode.OK, path);
        }

        // Unlike older builds, this one protects the model list too, and answers 401 even for routes it does not have.
        foreach (var path in (string[])["v1/models", "models", "props", "slots", "auth/validate"])
        {
            (await StatusAsync(HttpMethod.Get, path, null)).ShouldBe(HttpStatusCode.Unauthorized, path);
        }

        (await StatusAsync(HttpMethod.Post, "tokenize", null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusAsync(HttpMethod.Get, "props", "wrong")).ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusAsync(HttpMethod.Get, "props", Key)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Initialize_WrongKey_FailsFastNamingCredentialAndProtectedEndpoint()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, ApiKey = Key }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString(), Auth = { ApiKey = "wrong-key-9f8e7d" } });

        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => provider.InitializeAsync(cts.Token));

        error.Code.ShouldBe(OpenCodeErrorCodes.AuthenticationFailed);
        error.Message.ShouldContain("the server rejected the API key (auth.apiKey, header Authorization)");
        error.Message.ShouldContain("/auth/validate answered 401");
        error.ToString().ShouldNotContain("wrong-key-9f8e7d");
    }

    [Fact]
    public async Task TwoProviders_DifferentServersAndKeys_EachAuthenticatesWithItsOwn()
    {
        using var cts = TestDeadline.After(Deadline);
        var first = await fixture.StartAsync(new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, ApiKey = "first-key-111" }, cts.Token);
        var second = await fixture.StartAsync(new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, ApiKey = "second-key-222" }, cts.Token);
        await using var a = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = first.BaseAddress.ToString(), Auth = { ApiKey = "first-key-111" } });
        await using var b = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = second.BaseAddress.ToString(), Auth = { ApiKeyEnvironmentVariable = "OPENCODE_TEST_UNSET_VARIABLE" } });
        await using var c = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = second.BaseAddress.ToString(), Auth = { ApiKey = "second-key-222" } });
        var request = new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 3 };

        var answers = await Task.WhenAll(
            a.SendMessageAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token),
            c.SendMessageAsync(request, cts.Token).ToCompletedMessageAsync(cancellationToken: cts.Token));
        var unauthenticated = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => b.InitializeAsync(cts.Token));

        answers.ShouldAllBe(m => m.Usage!.CompletionTokens == 3);
        unauthenticated.Message.ShouldContain("none is configured");
    }
}
