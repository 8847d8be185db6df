using System.Net;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCode.Auth;
using OpenCode.Configuration;

namespace OpenCode.Benchmarks;

/// <summary>What putting a credential on one request costs, per scheme, once tokens are cached.</summary>
[MemoryDiagnoser]
public class AuthenticationBenchmarks
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:8080/v1/chat/completions");
    private readonly byte[] _body = new byte[4096];
    private IAuthenticationProvider _apiKey = null!;
    private IAuthenticationProvider _oauth2 = null!;
    private IAuthenticationProvider _jwt = null!;
    private IAuthenticationProvider _hmac = null!;
    private HttpClient _tokenHttp = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _tokenHttp = new HttpClient(new TokenHandler());
        var services = new AuthenticationServices(_tokenHttp, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger.Instance, null);
        _apiKey = (await AuthenticationFactory.CreateAsync(new AuthOptions { ApiKey = "sk-bench" }, Endpoint, services, default))!;
        _oauth2 = (await AuthenticationFactory.CreateAsync(
            new AuthOptions { Oauth2 = { TokenUrl = "http://127.0.0.1:9/token", ClientId = "c", ClientSecret = "s" } }, Endpoint, services, default))!;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _jwt = (await AuthenticationFactory.CreateAsync(new AuthOptions { Jwt = { PrivateKey = key.ExportPkcs8PrivateKeyPem(), Algorithm = "ES256" } }, Endpoint, services, default))!;
        _hmac = (await AuthenticationFactory.CreateAsync(new AuthOptions { ApiKey = "sk-bench", Hmac = { Secret = "h" } }, Endpoint, services, default))!;
        await ApplyAsync(_oauth2);
        await ApplyAsync(_jwt);
    }

    [GlobalCleanup]
    public void Cleanup() => _tokenHttp.Dispose();

    [Benchmark(Baseline = true)]
    public Task ApiKey() => ApplyAsync(_apiKey);

    [Benchmark]
    public Task OAuth2CachedToken() => ApplyAsync(_oauth2);

    [Benchmark]
    public Task JwtCachedAssertion() => ApplyAsync(_jwt);

    [Benchmark]
    public Task HmacSigned4KiBBody() => ApplyAsync(_hmac);

    private async Task ApplyAsync(IAuthenticationProvider provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ReadOnlyMemoryContent(_body) };
        await provider.ApplyAsync(request, CancellationToken.None);
    }

    private sealed class TokenHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"access_token":"at-bench","expires_in":86400}""") });
    }
}
