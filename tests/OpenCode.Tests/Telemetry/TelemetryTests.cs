using System.Diagnostics;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Telemetry;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Telemetry;

/// <summary>The GenAI semantic-convention metrics and the trace of a generation, read by a listener as an exporter would.</summary>
public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Chat => new() { Messages = [Message.User("hi")], MaxTokens = 8 };

    [Fact]
    public async Task SendMessage_Streamed_RecordsTokenUsageDurationAndChunkTimings()
    {
        await using var server = await ScriptedServer.StartAsync();
        var port = new Uri(server.Url).Port;
        using var recorder = new MetricRecorder(port);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });

        await foreach (var _ in provider.SendMessageAsync(Chat, Ct))
        {
        }

        recorder.Values("gen_ai.client.token.usage", "gen_ai.token.type", "input").ShouldBe([7]);
        recorder.Values("gen_ai.client.token.usage", "gen_ai.token.type", "output").ShouldBe([2]);
        recorder.Values("gen_ai.client.operation.duration").Count.ShouldBe(1);
        recorder.Values("gen_ai.client.operation.time_to_first_chunk").Count.ShouldBe(1);
        recorder.Values("gen_ai.client.operation.time_per_output_chunk").Count.ShouldBeGreaterThanOrEqualTo(1);
        recorder.Values("opencode.client.requests").ShouldBe([1]);
        recorder.Tags("gen_ai.client.operation.duration").ShouldContain(new KeyValuePair<string, object?>("gen_ai.request.model", "tiny-coder"));
        recorder.Tags("gen_ai.client.operation.duration").ShouldContain(new KeyValuePair<string, object?>("gen_ai.operation.name", "chat"));
        recorder.Tags("gen_ai.client.operation.duration").ShouldContain(new KeyValuePair<string, object?>("gen_ai.provider.name", "llama.cpp"));
    }

    [Fact]
    public async Task SendMessage_Failed_CountsTheErrorByCode()
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenStatus(400, "invalid_request_error");
        using var recorder = new MetricRecorder(new Uri(server.Url).Port);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });

        await Should.ThrowAsync<OpenCodeException>(async () =>
        {
            await foreach (var _ in provider.SendMessageAsync(Chat, Ct))
            {
            }
        });

        recorder.Values("opencode.client.errors", "error.type", OpenCodeErrorCodes.InvalidRequest).ShouldBe([1]);
        recorder.Values("gen_ai.client.token.usage").ShouldBeEmpty();
    }

    [Fact]
    public async Task SendMessage_WithListener_StartsAClientActivityWithoutPromptText()
    {
        await using var server = await ScriptedServer.StartAsync();
        using var spans = new SpanRecorder(OpenCodeTelemetry.ActivitySourceName);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });

        await foreach (var _ in provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("secret prompt text")], MaxTokens = 8 }, Ct))
        {
        }

        var activity = spans.Stopped.Single(a => a.GetTagItem("server.port") is int port && port == new Uri(server.Url).Port);
        activity.DisplayName.ShouldBe("chat tiny-coder");
        activity.Kind.ShouldBe(ActivityKind.Client);
        activity.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(7);
        activity.GetTagItem("gen_ai.usage.output_tokens").ShouldBe(2);
        activity.Tags.ShouldAllBe(tag => tag.Value == null || !tag.Value.Contains("secret", StringComparison.Ordinal));
    }
}
