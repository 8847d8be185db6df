using System.Net;
using System.Text.Json;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Client;
using OpenCode.Tests.Fakes;
using OpenCode.Tests.Models;

namespace OpenCode.Tests.Provider;

public sealed class OllamaInfillTests
{
    private const string OpenAiModels =
        """{"object":"list","data":[{"id":"qwen2.5-coder:7b","object":"model","created":1736500000,"owned_by":"library"},{"id":"llama3.2:3b","object":"model","created":1735800000,"owned_by":"library"}]}""";

    [Fact]
    public async Task Infill_OllamaModelWithInsert_SendsPrefixAsPromptAndSuffix()
    {
        var routes = DialectFixtures.Ollama();
        routes["/v1/models"] = OpenAiModels;
        var handler = new ScriptedHandler((request, _, _) => Task.FromResult(request.RequestUri!.AbsolutePath switch
        {
            "/v1/completions" => ScriptedHandler.Sse(new MemoryStream(ClientHarness.Events(
                """{"id":"cmpl-1","object":"text_completion","created":1736500000,"model":"qwen2.5-coder:7b","system_fingerprint":"fp_ollama","choices":[{"text":"return a + b","index":0,"finish_reason":"stop"}]}""",
                "[DONE]"))),
            var path when routes.TryGetValue(path, out var body) => ScriptedHandler.Json(body),
            _ => ScriptedHandler.Json("404 page not found", HttpStatusCode.NotFound),
        }));
        await using var provider = new OpenCodeProvider(
            new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:11434/v1" }, new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });

        var chunks = await FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "def add(a, b):\n    ", Suffix = "\n" }, TestContext.Current.CancellationToken));

        FakeLlamaServer.Text(chunks).ShouldBe("return a + b");
        var capabilities = await provider.GetCapabilitiesAsync(TestContext.Current.CancellationToken);
        capabilities.Dialect.ShouldBe("ollama");
        capabilities.Family.ShouldBe("qwen2.5-coder");
        capabilities.SupportsFillInTheMiddle.ShouldBe(true);
        capabilities.ContextWindow.ShouldBe(8192);
        using var body = JsonDocument.Parse(FakeLlamaServer.Body(handler, "/v1/completions"));
        body.RootElement.GetProperty("prompt").GetString().ShouldBe("def add(a, b):\n    ");
        body.RootElement.GetProperty("suffix").GetString().ShouldBe("\n");
        body.RootElement.GetProperty("model").GetString().ShouldBe("qwen2.5-coder:7b");
    }
}
