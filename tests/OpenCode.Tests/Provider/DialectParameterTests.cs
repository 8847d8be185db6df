using System.Text.Json;

namespace OpenCode.Tests.Provider;

public sealed class DialectParameterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendMessage_LlamaCpp_SendsItsSamplingParametersAndDropsOthers()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider();
        var request = new MessageRequest
        {
            Prompt = "def f(",
            AdditionalParameters = new Dictionary<string, object?> { ["repeat_penalty"] = 1.1, ["top_k"] = 40, ["min_p"] = 0.05, ["guided_regex"] = "a+" },
        };

        await FakeLlamaServer.Collect(provider.SendMessageAsync(request, Ct));

        using var body = JsonDocument.Parse(FakeLlamaServer.Body(server.Handler, "/v1/completions"));
        body.RootElement.GetProperty("repeat_penalty").GetDouble().ShouldBe(1.1);
        body.RootElement.GetProperty("top_k").GetInt32().ShouldBe(40);
        body.RootElement.GetProperty("min_p").GetDouble().ShouldBe(0.05);
        body.RootElement.TryGetProperty("guided_regex", out _).ShouldBeFalse();
        body.RootElement.GetProperty("prompt").GetString().ShouldBe("def f(");
    }

    [Fact]
    public async Task SendMessage_CustomParametersOff_RejectsTheRequest()
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider(o => o.Features.CustomParameters = false);
        var request = new MessageRequest { Prompt = "x", AdditionalParameters = new Dictionary<string, object?> { ["top_k"] = 40 } };

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.SendMessageAsync(request, Ct)));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("features.customParameters");
    }
}
