using Microsoft.Extensions.Time.Testing;
using OpenCode.Auth;
using OpenCode.Configuration;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

public sealed class OAuth2AuthenticationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private TokenServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await TokenServer.StartAsync(_clock);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task ClientCredentials_FirstRequest_FetchesTokenAndSendsItAsBearer()
    {
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);

        var models = await client.ListModelsAsync(Ct);

        models.ShouldHaveSingleItem().Id.ShouldBe("tiny");
        _server.TokenRequests.ShouldBe(1);
        _server.ApiRequests.ShouldHaveSingleItem().Authorization.ShouldStartWith("Bearer at-");
    }

    [Fact]
    public async Task Token_BeforeAndAfterExpiryMinusSkew_ReusedThenRefreshed()
    {
        _server.ExpiresIn = 300;
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);
        await client.ListModelsAsync(Ct);

        _clock.Advance(TimeSpan.FromSeconds(239));
        await client.ListModelsAsync(Ct);
        _server.TokenRequests.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await client.ListModelsAsync(Ct);
        _server.TokenRequests.ShouldBe(2);
        _server.ApiRequests.Select(r => r.Authorization).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task ConcurrentRequests_TokenNeeded_ShareOneRefresh()
    {
        _server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);

        var requests = Enumerable.Range(0, 8).Select(_ => client.ListModelsAsync(Ct)).ToArray();
        await _server.FirstTokenRequest.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _server.Hold.SetResult();
        await Task.WhenAll(requests);

        _server.TokenRequests.ShouldBe(1);
        _server.ApiRequests.Count.ShouldBe(8);
        _server.ApiRequests.Select(r => r.Authorization).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RefreshTokenGrant_ServerRotatesToken_NewTokenStoredAtOnceAndUsedNext()
    {
        var store = new MemoryCredentialStore();
        await store.SetAsync("gateway", new StoredCredential(CredentialKind.OAuth2RefreshToken, _server.CurrentRefreshToken), Ct);
        var auth = new AuthOptions { Credential = "gateway", Oauth2 = { TokenUrl = _server.TokenUrl.ToString(), ClientId = TokenServer.ClientId } };
        using var client = await AuthHarness.CreateClientAsync(_server.Url, auth, _clock, _http, store);

        await client.ListModelsAsync(Ct);
        var afterFirst = (await store.GetAsync("gateway", Ct))!.Secret;
        _clock.Advance(TimeSpan.FromSeconds(_server.ExpiresIn));
        await client.ListModelsAsync(Ct);

        afterFirst.ShouldStartWith("rt-rotated-");
        (await store.GetAsync("gateway", Ct))!.Secret.ShouldBe(_server.CurrentRefreshToken);
        store.Writes.Count.ShouldBe(3);
        _server.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task RefreshTokenGrant_StoringRotatedTokenFails_RequestStillSucceedsAndErrorLogged()
    {
        var store = new MemoryCredentialStore { FailWrites = true };
        await store.SetAsync("gateway", new StoredCredential(CredentialKind.OAuth2RefreshToken, _server.CurrentRefreshToken), Ct, force: true);
        using var logs = new CapturingLoggerProvider();
        var auth = new AuthOptions { Credential = "gateway", Oauth2 = { TokenUrl = _server.TokenUrl.ToString() } };
        using var client = await AuthHarness.CreateClientAsync(_server.Url, auth, _clock, _http, store, logs.CreateLogger("OpenCode.Auth"));

        var models = await client.ListModelsAsync(Ct);

        models.ShouldNotBeEmpty();
        logs.Lines.ShouldContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("storing the new one failed (IOException)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unauthorized_TokenRevoked_RefreshesOnceAndRetries()
    {
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);
        await client.ListModelsAsync(Ct);
        _server.RevokeAccessTokens();

        var models = await client.ListModelsAsync(Ct);

        models.ShouldNotBeEmpty();
        _server.TokenRequests.ShouldBe(2);
        _server.ApiRequests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Unauthorized_AfterRefreshToo_FailsWithAuthenticationFailedNamingCredentialAndEndpoint()
    {
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);
        await client.ListModelsAsync(Ct);
        _server.ExpiresIn = -100;

        // Every token the server now issues is already expired, so the API refuses each one.
        _server.RevokeAccessTokens();
        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => client.ListModelsAsync(Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.AuthenticationFailed);
        error.Message.ShouldContain("OAuth 2.0 client credentials (client 'ci-client'");
        error.Message.ShouldContain("/v1/models");
        error.Message.ShouldNotContain(TokenServer.ClientSecret);
        _server.ApiRequests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_FailsWithInvalidClientAndNoSecret()
    {
        var auth = AuthHarness.ClientCredentials(_server);
        auth.Oauth2.ClientSecret = "cs-wrong-9a8b7c6d5e4f";
        using var client = await AuthHarness.CreateClientAsync(_server.Url, auth, _clock, _http);

        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => client.ListModelsAsync(Ct));

        error.Message.ShouldContain("invalid_client");
        error.Message.ShouldContain(_server.TokenUrl.ToString());
        error.Message.ShouldNotContain("cs-wrong-9a8b7c6d5e4f");
        _server.ApiRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RefreshTokenGrant_RevokedRefreshToken_FailsWithInvalidGrant()
    {
        var auth = new AuthOptions { Oauth2 = { TokenUrl = _server.TokenUrl.ToString(), GrantType = OAuth2Options.RefreshTokenGrant, RefreshToken = "rt-revoked-1234" } };
        using var client = await AuthHarness.CreateClientAsync(_server.Url, auth, _clock, _http);

        var error = await Should.ThrowAsync<OpenCodeAuthenticationException>(() => client.ListModelsAsync(Ct));

        error.Message.ShouldContain("invalid_grant");
        error.Message.ShouldNotContain("rt-revoked-1234");
    }

    [Fact]
    public async Task TokenEndpoint_FailsOnce_ReportedAsServerErrorThenNextRequestFetchesAgain()
    {
        _server.FailuresToServe = 1;
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);

        var error = await Should.ThrowAsync<OpenCodeException>(() => client.ListModelsAsync(Ct));
        var models = await client.ListModelsAsync(Ct);

        error.Code.ShouldBe(OpenCodeErrorCodes.ServerError);
        error.Message.ShouldContain("temporarily_unavailable");
        models.ShouldNotBeEmpty();
        _server.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task TokenEndpoint_NeverAnswers_TimesOutByTheClock()
    {
        _server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = await AuthHarness.CreateClientAsync(_server.Url, AuthHarness.ClientCredentials(_server), _clock, _http);

        var request = client.ListModelsAsync(Ct);
        await _server.FirstTokenRequest.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _clock.Advance(TimeSpan.FromSeconds(11));
        var error = await Should.ThrowAsync<OpenCodeTimeoutException>(() => request);

        error.Message.ShouldStartWith("OAuth 2.0 token request timed out");
        _server.ApiRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_TokenUrlPlainHttpToAnotherHost_Refused()
    {
        var auth = AuthHarness.ClientCredentials(_server);
        auth.Oauth2.TokenUrl = "http://login.example.com/token";

        var error = await Should.ThrowAsync<OpenCodeConfigurationException>(() => AuthHarness.CreateClientAsync(_server.Url, auth, _clock, _http));

        error.Message.ShouldStartWith("auth.oauth2.tokenUrl: HTTPS is required");
    }

    [Theory]
    [InlineData("\"expires_in\":\"120\"", 120)]
    [InlineData("\"expires_in\":120", 120)]
    [InlineData("\"token_type\":\"Bearer\"", 300)]
    public async Task TokenResponse_ExpiresInAsNumberStringOrMissing_RefreshedSkewBeforeThatLifetime(string expiry, int lifetimeSeconds)
    {
        var tokens = 0;
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(request.RequestUri!.AbsolutePath == "/token"
            ? ScriptedHandler.Json($$"""{"access_token":"at-{{++tokens}}",{{expiry}}}""")
            : ScriptedHandler.Json("""{"data":[{"id":"a"}]}""")));
        var auth = new AuthOptions { Oauth2 = { TokenUrl = "http://127.0.0.1:18080/token", ClientId = "c", ClientSecret = "s" } };
        using var client = await AuthHarness.CreateClientAsync(new Uri("http://127.0.0.1:18080/v1"), auth, _clock, new HttpClient(handler));

        await client.ListModelsAsync(Ct);
        _clock.Advance(TimeSpan.FromSeconds(lifetimeSeconds - 61));
        await client.ListModelsAsync(Ct);
        tokens.ShouldBe(1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await client.ListModelsAsync(Ct);

        tokens.ShouldBe(2);
    }
}
