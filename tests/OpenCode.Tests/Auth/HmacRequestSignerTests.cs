using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Configuration;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

public sealed class HmacRequestSignerTests
{
    private const string Secret = "hmac-secret-3c2b1a0f9e8d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_WithBody_SignedOverMethodPathTimestampAndBodyHashAsDocumented()
    {
        var clock = new FakeTimeProvider();
        HttpRequestMessage? seen = null;
        string? sentBody = null;
        var handler = new ScriptedHandler((request, body, _) =>
        {
            (seen, sentBody) = (request, body);
            return Task.FromResult(ScriptedHandler.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"""));
        });
        var auth = new AuthOptions { ApiKey = "sk-inner-key-1234", Hmac = { Secret = Secret, KeyId = "gw-1" } };
        using var client = await AuthHarness.CreateClientAsync(ClientHarness.Endpoint, auth, clock, new HttpClient(handler));

        await client.CreateChatCompletionAsync(ClientHarness.Chat("sign me"), "tiny", Ct);

        var timestamp = Header(seen!, "X-OpenCode-Timestamp");
        timestamp.ShouldBe(clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        sentBody.ShouldNotBeNullOrEmpty();
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sentBody!)));
        Header(seen!, "X-OpenCode-Content-SHA256").ShouldBe(bodyHash);
        Header(seen!, "X-OpenCode-Key-Id").ShouldBe("gw-1");
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"POST\n/v1/chat/completions\n{timestamp}\n{bodyHash}")));
        Header(seen!, "X-OpenCode-Signature").ShouldBe(expected);
        seen!.Headers.Authorization!.ToString().ShouldBe("Bearer sk-inner-key-1234");
    }

    [Fact]
    public async Task Request_WithoutBody_HashesNoBytes()
    {
        HttpRequestMessage? seen = null;
        var handler = new ScriptedHandler((request, _, _) =>
        {
            seen = request;
            return Task.FromResult(ScriptedHandler.Json("""{"data":[{"id":"a"}]}"""));
        });
        var auth = new AuthOptions { Hmac = { Secret = Secret } };
        using var client = await AuthHarness.CreateClientAsync(ClientHarness.Endpoint, auth, new FakeTimeProvider(), new HttpClient(handler));

        await client.ListModelsAsync(Ct);

        Header(seen!, "X-OpenCode-Content-SHA256").ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        seen!.Headers.Contains("X-OpenCode-Key-Id").ShouldBeFalse();
        seen.Headers.Authorization.ShouldBeNull();
    }

    private static string Header(HttpRequestMessage request, string name) => string.Join(",", request.Headers.GetValues(name));
}
