using System.Text.Json;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Models;

namespace OpenCode.Tests.Provider;

/// <summary>Tools a server reports it would not pass to the model are refused before sending, never dropped silently.</summary>
public sealed class ToolSupportTests
{
    private static readonly ToolDefinition Weather = new("get_weather", "Gets the weather", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("llama.cpp", "supports_tools")]
    [InlineData("ollama", "'tools' capability")]
    public async Task SendMessage_ServerReportsNoTools_CapabilityNotSupportedBeforeSending(string dialect, string reason)
    {
        var server = new DialectServer(dialect == "ollama" ? OllamaWithout("tools") : DialectFixtures.LlamaCpp());
        await using var provider = Create(server);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.SendMessageAsync(WithTools(null), Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        ex.Message.ShouldContain(reason);
        server.Count("/v1/chat/completions").ShouldBe(0);
        (await provider.GetCapabilitiesAsync(Ct)).SupportsTools.ShouldBe(false);
    }

    [Fact]
    public async Task SendMessage_ToolChoiceNone_SentAsTheModelMayNotCallThem()
    {
        var server = new DialectServer(DialectFixtures.LlamaCpp());
        await using var provider = Create(server);

        await Should.ThrowAsync<OpenCodeException>(() => provider.SendMessageAsync(WithTools(ToolChoice.None), Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        server.Count("/v1/chat/completions").ShouldBe(1);
    }

    [Theory]
    [InlineData("ollama", true)]
    [InlineData("vllm", null)]
    public async Task GetCapabilities_ToolSupportAsTheServerReportsIt(string dialect, bool? expected)
    {
        var server = new DialectServer(dialect == "ollama" ? Ollama() : DialectFixtures.Vllm());
        await using var provider = Create(server);

        (await provider.GetCapabilitiesAsync(Ct)).SupportsTools.ShouldBe(expected);
    }

    private static MessageRequest WithTools(ToolChoice? choice) => new() { Messages = [Message.User("weather?")], Tools = [Weather], ToolChoice = choice };

    /// <summary>Ollama with its OpenAI-compatible model list, the one a provider reads.</summary>
    private static Dictionary<string, string> Ollama()
    {
        var routes = DialectFixtures.Ollama();
        routes["/v1/models"] = """{"object":"list","data":[{"id":"qwen2.5-coder:7b","object":"model","created":1736506800,"owned_by":"library"}]}""";
        return routes;
    }

    private static Dictionary<string, string> OllamaWithout(string capability)
    {
        var routes = Ollama();
        routes["/api/show"] = routes["/api/show"].Replace($"\"{capability}\",", string.Empty, StringComparison.Ordinal);
        return routes;
    }

    private static OpenCodeProvider Create(DialectServer server) =>
        new(new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:18082/v1" }, new HttpClient(server.Handler) { Timeout = Timeout.InfiniteTimeSpan });
}
