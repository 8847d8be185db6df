using System.Net;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Routing;
using OpenCode.Tests.Fakes;
using OpenCode.Tests.Provider;

namespace OpenCode.Tests.Routing;

public sealed class ProviderInstanceTests
{
    [Fact]
    public async Task DiscoverModelsAsync_LlamaServer_ListsModelsWithTheRunningContextWindow()
    {
        var server = new FakeLlamaServer(contextWindow: 2048, models: ["coder", "other"]);
        await using var instance = new ProviderInstance("a", server.CreateProvider(), TimeProvider.System);

        var models = await instance.DiscoverModelsAsync(TestContext.Current.CancellationToken);

        // /props describes the default (first) model; the other has only its training window from /v1/models meta.
        models.ShouldBe([new RoutedModel("coder", 2048), new RoutedModel("other", 16384)]);
    }

    [Fact]
    public async Task CountTokensAsync_ServerWithTokenize_CountsTheServersTokens()
    {
        var server = new FakeLlamaServer { SpecialTokens = new HashSet<string>() };
        await using var instance = new ProviderInstance("a", server.CreateProvider(), TimeProvider.System);
        await instance.DiscoverModelsAsync(TestContext.Current.CancellationToken);

        (await instance.CountTokensAsync("hello", TestContext.Current.CancellationToken)).ShouldBe(5);
        server.Paths.ShouldContain("/tokenize");
    }

    [Fact]
    public async Task CountTokensAsync_ServerWithoutTokenize_ReturnsNull()
    {
        var server = new FakeLlamaServer();
        await using var instance = new ProviderInstance("a", server.CreateProvider(), TimeProvider.System);
        await instance.DiscoverModelsAsync(TestContext.Current.CancellationToken);

        (await instance.CountTokensAsync("hello", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task ProbeAsync_NeitherHealthNorModels_AsksForOneToken()
    {
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/v1/chat/completions" => ScriptedHandler.Json("""{"choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"length"}],"model":"m"}"""),
            _ => ScriptedHandler.Json("""{"error":{"code":404,"message":"Not Found","type":"not_found_error"}}""", HttpStatusCode.NotFound),
        }));
        var options = new OpenCodeOptions
        {
            ApiEndpoint = "http://127.0.0.1:18081",
            Models = { AutoDiscovery = false, Dialect = "openai" },
            Features = { Streaming = false },
        };
        await using var instance = new ProviderInstance("a", new OpenCodeProvider(options, new HttpClient(handler)), TimeProvider.System);

        var probe = await instance.ProbeAsync(TestContext.Current.CancellationToken);

        probe.Healthy.ShouldBeTrue(probe.Error);
        handler.Requests.Select(r => r.Uri.AbsolutePath).ShouldContain("/v1/chat/completions");
        FakeLlamaServer.Body(handler, "/v1/chat/completions").ShouldContain("\"max_tokens\":1");
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_ReportsUnhealthyWithTheErrorCode()
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:1", ConnectTimeout = 1000 };
        await using var instance = new ProviderInstance("a", new OpenCodeProvider(options), TimeProvider.System);

        var probe = await instance.ProbeAsync(TestContext.Current.CancellationToken);

        probe.Healthy.ShouldBeFalse();
        probe.Error!.ShouldStartWith(OpenCodeErrorCodes.ConnectionFailed);
    }
}
