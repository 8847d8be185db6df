using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Auth;

/// <summary>
/// A real OAuth 2.0 token endpoint and a protected API on 127.0.0.1 (Kestrel): POST /token issues access tokens that expire by
/// the test's clock and rotates refresh tokens; /v1/models and /props accept only a live access token (or a listed API key).
/// </summary>
internal sealed class TokenServer : IAsyncDisposable
{
    public const string ClientId = "ci-client";
    public const string ClientSecret = "cs-0f9e8d7c6b5a-client-secret";
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstTokenRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _issued;
    private int _issuedRequests;

    private LoopbackHost? _host;

    private TokenServer(TimeProvider clock) => _clock = clock;

    public Uri Url { get; private set; } = null!;

    public Uri TokenUrl => new(Url, "token");

    public int ExpiresIn { get; set; } = 300;

    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>Gets or sets the one refresh token the server accepts now (rotation replaces it).</summary>
    public string CurrentRefreshToken { get; set; } = "rt-initial-7a6b5c4d3e2f";

    /// <summary>Gets or sets a gate the token endpoint waits on before answering, to hold refreshes in flight.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public HashSet<string> ApiKeys { get; } = [];

    /// <summary>Gets or sets how many token requests still get a 503 before the endpoint works again.</summary>
    public int FailuresToServe { get; set; }

    public int TokenRequests => Volatile.Read(ref _issuedRequests);

    /// <summary>Gets a task that completes when the first token request arrives.</summary>
    public Task FirstTokenRequest => _firstTokenRequest.Task;

    public ConcurrentQueue<(string Path, string Authorization)> ApiRequests { get; } = new();

    public static async Task<TokenServer> StartAsync(TimeProvider clock)
    {
        var server = new TokenServer(clock);
        server._host = await LoopbackHost.StartAsync(server.HandleAsync);
        server.Url = new Uri(server._host.Url + "/");
        return server;
    }

    /// <summary>Forgets every access token issued so far, as a server does when it rotates its keys.</summary>
    public void RevokeAccessTokens() => _accessTokens.Clear();

    public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? ValueTask.CompletedTask;

    private Task HandleAsync(HttpContext context) =>
        context.Request.Path == "/token" ? IssueAsync(context) : ServeApiAsync(context);

    private async Task IssueAsync(HttpContext context)
    {
        Interlocked.Increment(ref _issuedRequests);
        _firstTokenRequest.TrySetResult();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        if (FailuresToServe > 0)
        {
            FailuresToServe--;
            await ErrorAsync(context, 503, "temporarily_unavailable");
            return;
        }

        var grant = form["grant_type"].ToString();
        string? rotated = null;
        if (grant == "client_credentials")
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            if (context.Request.Headers.Authorization.ToString() != expected)
            {
                await ErrorAsync(context, 401, "invalid_client");
                return;
            }
        }
        else if (grant == "refresh_token")
        {
            lock (_gate)
            {
                if (form["refresh_token"] != CurrentRefreshToken)
                {
                    rotated = string.Empty;
                }
                else if (RotateRefreshTokens)
                {
                    CurrentRefreshToken = rotated = $"rt-rotated-{Interlocked.Increment(ref _issued)}-5e4d3c2b";
                }
            }

            if (rotated == string.Empty)
            {
                await ErrorAsync(context, 400, "invalid_grant");
                return;
            }
        }
        else
        {
            await ErrorAsync(context, 400, "unsupported_grant_type");
            return;
        }

        var token = $"at-{Interlocked.Increment(ref _issued)}-{Guid.NewGuid():N}";
        _accessTokens[token] = _clock.GetUtcNow().AddSeconds(ExpiresIn);
        var refresh = rotated is null ? string.Empty : $",\"refresh_token\":\"{rotated}\"";
        await context.Response.WriteAsync(
            $"{{\"access_token\":\"{token}\",\"token_type\":\"Bearer\",\"expires_in\":{ExpiresIn.ToString(CultureInfo.InvariantCulture)}{refresh}}}");
    }

    private async Task ServeApiAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        ApiRequests.Enqueue((context.Request.Path.Value!, authorization));
        var bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : null;
        var valid = bearer is not null
            && ((_accessTokens.TryGetValue(bearer, out var expiresAt) && _clock.GetUtcNow() < expiresAt) || ApiKeys.Contains(bearer));
        if (!valid)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(context.Request.Path == "/props"
            ? """{"default_generation_settings":{"n_ctx":512},"total_slots":1}"""
            : """{"object":"list","data":[{"id":"tiny","object":"model"}]}""");
    }

    private static async Task ErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"error\":\"{error}\",\"error_description\":\"rejected by the test token server\"}}");
    }
}
