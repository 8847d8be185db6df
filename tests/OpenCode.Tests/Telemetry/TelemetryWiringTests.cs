using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Telemetry;

/// <summary>
/// Each token is counted once under each metric name whichever way an app wires telemetry: the OpenCode meter, Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry</c>, or both; and the UseOpenTelemetry span gets the request model, the server and the response id.
/// </summary>
public sealed class TelemetryWiringTests
{
    private const string GenAITokens = "gen_ai.client.token.usage";
    private const string OpenCodeTokens = "opencode.client.token.usage";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatFace_OpenCodeMeterOnly_TokensOnceUnderOpenCodeNamesAndGenAILeftToUseOpenTelemetry(bool streaming)
    {
        await using var server = await ScriptedServer.StartAsync();
        using var recorder = new MetricRecorder(new Uri(server.Url).Port);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient();

        await AskAsync(chat, streaming);

        recorder.Values(OpenCodeTokens, "gen_ai.token.type", "input").ShouldBe([7]);
        recorder.Values(OpenCodeTokens, "gen_ai.token.type", "output").ShouldBe([2]);
        recorder.Values("opencode.client.operation.duration").Count.ShouldBe(1);
        recorder.Values(GenAITokens).ShouldBeEmpty();
        recorder.Values("gen_ai.client.operation.duration").ShouldBeEmpty();
    }

    [Fact]
    public async Task ProviderFace_OpenCodeMeter_GenAITokensOnce()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var recorder = new MetricRecorder(new Uri(server.Url).Port);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });

        await provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")] }, Ct).ToCompletedMessageAsync(cancellationToken: Ct);

        recorder.Values(GenAITokens, "gen_ai.token.type", "input").ShouldBe([7]);
        recorder.Values(GenAITokens, "gen_ai.token.type", "output").ShouldBe([2]);
        recorder.Values(OpenCodeTokens, "gen_ai.token.type", "input").ShouldBe([7]);
        recorder.Tags(GenAITokens).ShouldContain(new KeyValuePair<string, object?>("gen_ai.response.model", "tiny-coder"));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task ChatFace_UseOpenTelemetry_GenAITokensOnceFromItWithOrWithoutTheOpenCodeMeter(bool streaming, bool openCodeMeterToo)
    {
        await using var server = await ScriptedServer.StartAsync();
        var source = "opencode-tests-" + Guid.NewGuid().ToString("N");
        using var recorder = new MetricRecorder(openCodeMeterToo ? new Uri(server.Url).Port : -1, source);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: source).Build();

        await AskAsync(chat, streaming);

        recorder.Values(GenAITokens, "gen_ai.token.type", "input").ShouldBe([7]);
        recorder.Values(GenAITokens, "gen_ai.token.type", "output").ShouldBe([2]);
        recorder.Meters(GenAITokens).ShouldAllBe(meter => meter == source);
        recorder.Values("gen_ai.client.operation.duration").Count.ShouldBe(1);
        recorder.Values(OpenCodeTokens, "gen_ai.token.type", "input").ShouldBe(openCodeMeterToo ? [7] : []);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UseOpenTelemetry_Span_RequestModelServerAndResponseId(bool streaming)
    {
        await using var server = await ScriptedServer.StartAsync();
        var source = "opencode-tests-" + Guid.NewGuid().ToString("N");
        using var spans = new SpanRecorder(source);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url, Models = { DefaultModel = "tiny-coder" } });
        using var chat = provider.AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: source).Build();

        await AskAsync(chat, streaming);

        var span = spans.Single();
        span.DisplayName.ShouldBe("chat tiny-coder");
        span.GetTagItem("gen_ai.request.model").ShouldBe("tiny-coder");
        span.GetTagItem("gen_ai.provider.name").ShouldBe("opencode");
        span.GetTagItem("server.address").ShouldBe("127.0.0.1");
        span.GetTagItem("server.port").ShouldBe(new Uri(server.Url).Port);
        span.GetTagItem("gen_ai.response.id").ShouldBeOfType<string>().ShouldStartWith("chatcmpl-");
        span.GetTagItem("gen_ai.response.model").ShouldBe("tiny-coder");
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(7);
    }

    [Fact]
    public async Task UseOpenTelemetry_UnderDependencyInjection_SpanHasServerAndDefaultModel()
    {
        await using var server = await ScriptedServer.StartAsync();
        var source = "opencode-tests-" + Guid.NewGuid().ToString("N");
        using var spans = new SpanRecorder(source);
        var services = new ServiceCollection();
        services.AddOpenCode(o =>
        {
            o.ApiEndpoint = server.Url;
            o.Models.DefaultModel = "tiny-coder";
        });
        services.AddChatClient(sp => sp.GetRequiredService<IAIProvider>().AsIChatClient()).UseOpenTelemetry(sourceName: source);
        await using var container = services.BuildServiceProvider();
        var chat = container.GetRequiredService<IChatClient>();

        await chat.GetResponseAsync("hi", cancellationToken: Ct);

        var span = spans.Single();
        span.GetTagItem("gen_ai.request.model").ShouldBe("tiny-coder");
        span.GetTagItem("server.port").ShouldBe(new Uri(server.Url).Port);
        span.GetTagItem("gen_ai.response.id").ShouldNotBeNull();
    }

    private static async Task AskAsync(IChatClient chat, bool streaming)
    {
        var response = streaming
            ? await chat.GetStreamingResponseAsync("hi", cancellationToken: Ct).ToChatResponseAsync(Ct)
            : await chat.GetResponseAsync("hi", cancellationToken: Ct);
        response.Usage.ShouldNotBeNull().InputTokenCount.ShouldBe(7);
    }
}
