using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Auth;
using OpenCode.Client;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

/// <summary>Drives every way to authenticate through success and failure with logging at Trace, and looks for the secrets everywhere.</summary>
public sealed class SecretRedactionTests : IAsyncLifetime
{
    private const string ApiKey = "sk-redact-api-key-a1b2c3d4";
    private const string HmacSecret = "hmac-redact-secret-e5f6a7b8";
    private const string StoredRefreshToken = "rt-redact-stored-c9d0e1f2";
    private readonly FakeTimeProvider _clock = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly List<string> _output = [];
    private TokenServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TokenServer.StartAsync(_clock);
        _server.ApiKeys.Add(ApiKey);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryAuthMode_SuccessAndFailure_NoSecretInLogsExceptionsOrOptionsText()
    {
        var (pem, _) = JwtAssertionAuthenticationTests.KeyPair("ES256");
        var store = new MemoryCredentialStore();
        _server.CurrentRefreshToken = StoredRefreshToken;
        await store.SetAsync("rotating", new StoredCredential(CredentialKind.OAuth2RefreshToken, StoredRefreshToken), Ct);
        var secrets = new List<string> { ApiKey, HmacSecret, StoredRefreshToken, TokenServer.ClientSecret, "sk-redact-wrong-key-0000", "cs-redact-wrong-1111", PemBody(pem) };

        await RunAsync(new AuthOptions { ApiKey = ApiKey }, store);
        await RunAsync(new AuthOptions { ApiKey = "sk-redact-wrong-key-0000", Hmac = { Secret = HmacSecret, KeyId = "k" } }, store);
        await RunAsync(AuthHarness.ClientCredentials(_server), store);
        var wrongClient = AuthHarness.ClientCredentials(_server);
        wrongClient.Oauth2.ClientSecret = "cs-redact-wrong-1111";
        await RunAsync(wrongClient, store);
        await RunAsync(new AuthOptions { Credential = "rotating", Oauth2 = { TokenUrl = _server.TokenUrl.ToString() } }, store);
        await RunAsync(new AuthOptions { Oauth2 = { TokenUrl = _server.TokenUrl.ToString(), GrantType = OAuth2Options.RefreshTokenGrant, RefreshToken = "rt-redact-revoked-2222" } }, store);
        secrets.Add("rt-redact-revoked-2222");
        await RunAsync(new AuthOptions { Jwt = { PrivateKey = pem, Algorithm = "ES256", Subject = "svc" } }, store);

        // Rotated refresh tokens and issued access tokens are secrets too.
        secrets.Add(_server.CurrentRefreshToken);
        secrets.AddRange(_server.ApiRequests.Select(r => r.Authorization).Where(a => a.Length > 7).Select(a => a[7..]));
        var everything = _logs.All + "\n" + string.Join('\n', _output);

        _logs.Lines.ShouldContain(l => l.StartsWith("Trace", StringComparison.Ordinal) || l.StartsWith("Debug", StringComparison.Ordinal));
        _output.Count(o => o.Contains("AUTHENTICATION_FAILED", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(4);
        foreach (var secret in secrets.Distinct())
        {
            everything.ShouldNotContain(secret, Case.Sensitive);
        }
    }

    private async Task RunAsync(AuthOptions auth, ICredentialStore store)
    {
        var options = new OpenCodeOptions { ApiEndpoint = _server.Url.ToString(), Auth = auth };
        _output.Add(options.ToString());
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        await using var provider = new OpenCodeProvider(options, loggerFactory: factory, timeProvider: _clock, credentialStore: store);
        try
        {
            await provider.InitializeAsync(Ct);
            await provider.ListModelsAsync(Ct);
            _server.RevokeAccessTokens();
            await provider.ListModelsAsync(Ct);
            _output.Add(provider.GetService<OpenCodeClient>()!.CredentialDescription ?? "(none)");
        }
        catch (OpenCodeException ex)
        {
            _output.Add($"{ex.Code}: {ex} {ex.ErrorBody}");
        }
    }

    private static string PemBody(string pem) => pem.Split('\n')[1].Trim();
}
