using System.Net;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

public sealed class AuthenticationHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unauthorized_CredentialRefreshes_SameBodyResentOnceWithNewToken()
    {
        var credential = new RotatingCredential();
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(
            request.Headers.Authorization?.Parameter == "token-2"
                ? ScriptedHandler.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""")
                : ScriptedHandler.Json("""{"error":{"message":"expired"}}""", HttpStatusCode.Unauthorized)));
        using var client = Create(handler, credential);

        var result = await client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", Ct);

        result.Content.ShouldBe("ok");
        handler.Requests.Count.ShouldBe(2);
        handler.Requests[0].Authorization.ShouldBe("Bearer token-1");
        handler.Requests[1].Authorization.ShouldBe("Bearer token-2");
        handler.Requests[1].Body.ShouldBe(handler.Requests[0].Body);
        handler.Requests[1].Body.ShouldNotBeNullOrEmpty();
        credential.Refreshes.ShouldBe(1);
    }

    [Fact]
    public async Task Unauthorized_AfterRefreshToo_ErrorMasksTheRefreshedTokenTheServerEchoed()
    {
        var credential = new RotatingCredential();
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(ScriptedHandler.Json(
            $$$"""{"error":{"message":"bad token {{{request.Headers.Authorization?.Parameter}}}"}}""", HttpStatusCode.Unauthorized)));
        using var client = Create(handler, credential);

        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", Ct));

        handler.Requests.Count.ShouldBe(2);
        error.Message.ShouldNotContain("token-2");
        error.Message.ShouldContain("bad token");
        credential.Refreshes.ShouldBe(1);
    }

    private static OpenCodeClient Create(ScriptedHandler handler, IAuthenticationProvider credential) => new(
        new OpenCodeClientOptions { Endpoint = ClientHarness.Endpoint, Authentication = credential },
        new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>Sends token-N; a 401 moves on to the next token once.</summary>
    private sealed class RotatingCredential : IAuthenticationProvider
    {
        public int Refreshes { get; private set; }

        public string Description => "test bearer token";

        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new("Bearer", $"token-{Refreshes + 1}");
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Refreshes++;
            return ValueTask.FromResult(Refreshes == 1);
        }
    }
}
