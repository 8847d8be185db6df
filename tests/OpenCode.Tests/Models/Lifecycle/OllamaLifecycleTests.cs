using System.Net;
using System.Text;
using OpenCode.Configuration;
using OpenCode.Models;
using OpenCode.Models.Lifecycle;
using OpenCode.Provider;

namespace OpenCode.Tests.Models.Lifecycle;

public sealed class OllamaLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListModels_Ollama_MarksWhatApiPsReportsAsLoaded()
    {
        var fake = OllamaServer();
        await using var provider = Create(fake);

        var models = await provider.ListModelsAsync(Ct);

        models.Single(m => m.Id == "qwen2.5-coder:7b").LoadState.ShouldBe(ModelLoadState.Loaded);
        models.Single(m => m.Id == "llama3.2:3b").LoadState.ShouldBe(ModelLoadState.Unloaded);
    }

    [Fact]
    public async Task ListModels_Ollama_AsksApiPsEachTimeNotTheDiscoveryCache()
    {
        var fake = OllamaServer();
        await using var provider = Create(fake);
        await provider.ListModelsAsync(Ct);
        fake.Routes["/api/ps"] = """{"models":[]}""";

        var models = await provider.ListModelsAsync(Ct);

        models.ShouldAllBe(m => m.LoadState == ModelLoadState.Unloaded);
    }

    [Fact]
    public async Task LoadModel_OllamaWithKeepAlive_SendsEmptyGenerateWithKeepAlive()
    {
        var fake = OllamaServer();
        await using var provider = Create(fake, keepAlive: "10m");

        await provider.LoadModelAsync("llama3.2:3b", Ct);

        GenerateBodies(fake).ShouldHaveSingleItem().ShouldBe("""{"model":"llama3.2:3b","stream":false,"keep_alive":"10m"}""");
    }

    [Fact]
    public async Task LoadModel_OllamaWithoutKeepAlive_LeavesOllamasDefault()
    {
        var fake = OllamaServer();
        await using var provider = Create(fake);

        await provider.LoadModelAsync("llama3.2:3b", Ct);

        GenerateBodies(fake).ShouldHaveSingleItem().ShouldBe("""{"model":"llama3.2:3b","stream":false}""");
    }

    [Fact]
    public async Task UnloadModel_Ollama_SendsKeepAliveZero()
    {
        var fake = OllamaServer();
        await using var provider = Create(fake, keepAlive: "10m");

        await provider.UnloadModelAsync("qwen2.5-coder:7b", Ct);

        GenerateBodies(fake).ShouldHaveSingleItem().ShouldBe("""{"model":"qwen2.5-coder:7b","stream":false,"keep_alive":0}""");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadOrUnload_ModelOllamaDoesNotHave_ModelNotFoundNamingIt(bool load)
    {
        var fake = OllamaServer();
        fake.Failures["/api/generate"] = (HttpStatusCode.NotFound, """{"error":"model \"nope:1b\" not found, try pulling it first"}""");
        await using var provider = Create(fake);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => load ? provider.LoadModelAsync("nope:1b", Ct) : provider.UnloadModelAsync("nope:1b", Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        ex.Message.ShouldContain("nope:1b");
        ex.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task LoadModel_OllamaAnswers404WithoutAJsonError_KeepsTheRequestsOwnCode()
    {
        var fake = OllamaServer();
        fake.Failures["/api/generate"] = (HttpStatusCode.NotFound, "404 page not found");
        await using var provider = Create(fake);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.LoadModelAsync("llama3.2:3b", Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelInfoFailed);
    }

    [Theory]
    [InlineData("-1", "-1")]
    [InlineData("300", "300")]
    [InlineData("1h30m", "\"1h30m\"")]
    [InlineData("2.5s", "\"2.5s\"")]
    public void Body_KeepAlive_NumbersAsSecondsDurationsAsStrings(string keepAlive, string expected)
    {
        var body = Encoding.UTF8.GetString(OllamaLifecycle.Body("m", keepAlive).Span);

        body.ShouldBe($$"""{"model":"m","stream":false,"keep_alive":{{expected}}}""");
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("10x")]
    [InlineData("m5")]
    public void Options_InvalidKeepAlive_ConfigurationErrorNamingTheSetting(string keepAlive)
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18082/v1", Models = { KeepAlive = keepAlive } };

        var ex = Should.Throw<OpenCodeConfigurationException>(() => new OpenCodeProvider(options));

        ex.Message.ShouldContain("models.keepAlive");
    }

    [Fact]
    public async Task LoadModel_ServerWithoutModelManagement_CapabilityNotSupported()
    {
        var fake = new DialectServer(DialectFixtures.Vllm());
        await using var provider = new OpenCodeProvider(
            new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18082/v1", Models = { Dialect = ServerDialects.Vllm } },
            new HttpClient(fake.Handler) { Timeout = Timeout.InfiniteTimeSpan });

        var load = await Should.ThrowAsync<OpenCodeException>(() => provider.LoadModelAsync("Qwen/Qwen2.5-Coder-7B-Instruct", Ct));
        var unload = await Should.ThrowAsync<OpenCodeException>(() => provider.UnloadModelAsync("Qwen/Qwen2.5-Coder-7B-Instruct", Ct));

        load.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        unload.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        (await provider.ListModelsAsync(Ct)).ShouldAllBe(m => m.LoadState == null);
    }

    private static DialectServer OllamaServer()
    {
        var routes = DialectFixtures.Ollama();
        routes["/v1/models"] = """{"object":"list","data":[{"id":"qwen2.5-coder:7b","object":"model","created":1736506800,"owned_by":"library"},{"id":"llama3.2:3b","object":"model","created":1735804800,"owned_by":"library"}]}""";
        routes["/api/generate"] = """{"model":"llama3.2:3b","created_at":"2025-01-10T12:00:00Z","response":"","done":true,"done_reason":"load"}""";
        return new DialectServer(routes);
    }

    private static OpenCodeProvider Create(DialectServer fake, string? keepAlive = null) => new(
        new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18082/v1", Models = { Dialect = ServerDialects.Ollama, KeepAlive = keepAlive } },
        new HttpClient(fake.Handler) { Timeout = Timeout.InfiniteTimeSpan });

    private static IEnumerable<string?> GenerateBodies(DialectServer fake) =>
        fake.Handler.Requests.Where(r => r.Uri.AbsolutePath == "/api/generate").Select(r => r.Body);
}
