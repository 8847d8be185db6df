using System.Net;
using System.Text;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

/// <summary>A server that repeats the credential it rejected: the credential reaches no exception message or error body.</summary>
public sealed class EchoedCredentialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Answers 401 with a body that repeats every credential header the request carried.</summary>
    private static ScriptedHandler Echoing() => new((request, _, _) =>
    {
        var sent = string.Join(", ", request.Headers.Where(h => h.Key is "Authorization" or "x-api-key").SelectMany(h => h.Value));
        var body = "{\"error\":{\"message\":" + System.Text.Json.JsonSerializer.Serialize("Incorrect API key provided: " + sent) + ",\"type\":\"invalid_request_error\"}}";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    });

    [Fact]
    public async Task CreateChatCompletion_401RepeatsTheApiKey_MessageAndBodyMaskIt()
    {
        using var client = ClientHarness.Create(Echoing());

        var ex = await Should.ThrowAsync<OpenCodeAuthenticationException>(client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", Ct));

        ex.Message.ShouldContain("Incorrect API key provided: ***");
        ex.Message.ShouldNotContain("sk-test-secret");
        ex.ErrorBody!.ShouldNotContain("sk-test-secret");
        ex.ToString().ShouldNotContain("sk-test-secret");
    }

    [Fact]
    public async Task StreamChatCompletion_401RepeatsTheApiKeyInACustomHeader_MessageMasksIt()
    {
        using var client = ClientHarness.Create(
            Echoing(), configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, ApiKey = "gateway-key-4c5d6e", ApiKeyHeaderName = "x-api-key" });

        var (_, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", Ct));

        var ex = thrown.ShouldBeOfType<OpenCodeAuthenticationException>();
        ex.Message.ShouldContain("***");
        ex.Message.ShouldNotContain("gateway-key-4c5d6e");
        ex.ErrorBody!.ShouldNotContain("gateway-key-4c5d6e");
    }

    [Fact]
    public async Task ListModels_401RepeatsATokenFromACustomAuthenticationProvider_MessageMasksIt()
    {
        using var client = ClientHarness.Create(
            Echoing(), configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, Authentication = new StaticBearer("at-issued-token-9a8b7c") });

        var ex = await Should.ThrowAsync<OpenCodeException>(client.ListModelsAsync(Ct));

        ex.Message.ShouldNotContain("at-issued-token-9a8b7c");
        ex.ErrorBody!.ShouldNotContain("at-issued-token-9a8b7c");
    }

    /// <summary>Answers 200 with an event stream: one token, then an error event that repeats the credential the request carried.</summary>
    private static ScriptedHandler EchoingMidStream(string? contentType = null) => new((request, _, _) =>
    {
        var sent = string.Join(", ", request.Headers.Where(h => h.Key is "Authorization" or "x-api-key").SelectMany(h => h.Value));
        var error = "{\"error\":{\"message\":" + System.Text.Json.JsonSerializer.Serialize("upstream rejected key " + sent) + ",\"type\":\"server_error\",\"code\":500}}";
        if (contentType is not null)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(error, Encoding.UTF8, contentType) });
        }

        return Task.FromResult(ScriptedHandler.Sse(new ScriptedStream([ClientHarness.Events(ClientHarness.Delta("Hel"), error)])));
    });

    [Fact]
    public async Task StreamChatCompletion_ErrorEventMidStreamRepeatsTheApiKey_MessageAndBodyMaskItAndKeepTheDeliveredChunk()
    {
        using var client = ClientHarness.Create(EchoingMidStream());

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", Ct));

        chunks.ShouldHaveSingleItem().Content.ShouldBe("Hel");
        var ex = thrown.ShouldBeAssignableTo<OpenCodeException>()!;
        ex.Message.ShouldContain("upstream rejected key ***");
        ex.ToString().ShouldNotContain("sk-test-secret");
        (ex.ErrorBody ?? string.Empty).ShouldNotContain("sk-test-secret");
    }

    [Fact]
    public async Task StreamChatCompletion_ErrorEventRepeatsATokenFromACustomAuthenticationProvider_MessageMasksIt()
    {
        using var client = ClientHarness.Create(
            EchoingMidStream(), configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, Authentication = new StaticBearer("at-issued-token-9a8b7c") });

        var (_, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", Ct));

        var ex = thrown.ShouldBeAssignableTo<OpenCodeException>()!;
        ex.Message.ShouldContain("***");
        ex.ToString().ShouldNotContain("at-issued-token-9a8b7c");
        (ex.ErrorBody ?? string.Empty).ShouldNotContain("at-issued-token-9a8b7c");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatCompletion_200JsonErrorRepeatsTheKeyInACustomHeader_MessageMasksIt(bool streamed)
    {
        using var client = ClientHarness.Create(
            EchoingMidStream("application/json"),
            configure: o => new OpenCodeClientOptions { Endpoint = o.Endpoint, ApiKey = "gateway-key-4c5d6e", ApiKeyHeaderName = "x-api-key" });

        var ex = streamed
            ? (await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", Ct))).Error.ShouldBeAssignableTo<OpenCodeException>()!
            : await Should.ThrowAsync<OpenCodeException>(client.CreateChatCompletionAsync(ClientHarness.Chat(), "m", Ct));

        ex.Message.ShouldContain("upstream rejected key ***");
        ex.ToString().ShouldNotContain("gateway-key-4c5d6e");
        (ex.ErrorBody ?? string.Empty).ShouldNotContain("gateway-key-4c5d6e");
    }

    [Fact]
    public void Redact_SecretAndItsUrlEncodedForm_AreMaskedShortValuesAreNot()
    {
        var text = SecretRedaction.Redact("key=a+b/c=d9 and a%2Bb%2Fc%3Dd9; scheme Bearer", ["a+b/c=d9", "Bearer", null, "k"]);

        text.ShouldBe("key=*** and ***; scheme ***");
    }

    private sealed class StaticBearer(string token) : IAuthenticationProvider
    {
        public string Description => "a static token";

        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new("Bearer", token);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
