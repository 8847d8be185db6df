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

    [Fact]
    public async Task SendMessage_LlamaCppNamedFunction_SentAsRequiredWithThatFunctionAlone()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        var other = Weather with { Name = "get_time" };

        await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("time?")], Tools = [Weather, other], ToolChoice = ToolChoice.Function("get_time") }, Ct)
            .ToCompletedMessageAsync(cancellationToken: Ct);

        var body = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement;
        body.GetProperty("tool_choice").GetString().ShouldBe("required");
        body.GetProperty("tools").GetArrayLength().ShouldBe(1);
        body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString().ShouldBe("get_time");
    }

    [Fact]
    public async Task SendMessage_NamedFunctionNotAmongTools_InvalidRequestNamingIt()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();

        var ex = await Should.ThrowAsync<OpenCodeException>(() =>
            provider.SendMessageAsync(WithTools(ToolChoice.Function("nope")), Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("'nope'");
    }

    [Fact]
    public async Task SendMessage_OllamaToolChoiceNone_SentWithoutTools()
    {
        var server = new DialectServer(Ollama());
        await using var provider = Create(server);

        await Should.ThrowAsync<OpenCodeException>(() => provider.SendMessageAsync(WithTools(ToolChoice.None), Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        var body = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/chat/completions")).RootElement;
        body.TryGetProperty("tools", out _).ShouldBeFalse();
        body.TryGetProperty("tool_choice", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task SendMessage_OllamaToolChoiceRequired_CapabilityNotSupportedBeforeSending()
    {
        var server = new DialectServer(Ollama());
        await using var provider = Create(server);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.SendMessageAsync(WithTools(ToolChoice.Required), Ct).ToCompletedMessageAsync(cancellationToken: Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        ex.Message.ShouldContain("tool_choice");
        server.Count("/v1/chat/completions").ShouldBe(0);
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
