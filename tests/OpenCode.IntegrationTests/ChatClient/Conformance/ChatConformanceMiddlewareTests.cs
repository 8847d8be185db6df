using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenCode.Telemetry;
using OpenCode.Tests.Telemetry;

namespace OpenCode.IntegrationTests.ChatClient.Conformance;

/// <summary>
/// The chat face under OpenTelemetry, function invocation and structured output, against a real llama-server. The model is tiny and
/// random, so it never chooses a call, and this build refuses the grammar a required call needs: the loop with real calls is covered on
/// a scripted server (OpenCode.Tests' FunctionInvocationTests); here, that offering tools keeps usage, spans and metrics consistent.
/// </summary>
public sealed class ChatConformanceMiddlewareTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FunctionInvocationAndOpenTelemetry_ToolsOffered_OneSpanPerCallUsageMatchesAndTokensMeteredOnce(bool streaming)
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await ConformanceServers.JinjaAsync(fixture, cts.Token);
        await using var provider = ConformanceServers.Provider(server);
        var source = "opencode-conformance-" + Guid.NewGuid().ToString("N");
        using var spans = new SpanRecorder(source);
        using var metrics = new TokenMetrics(source);
        var secret = AIFunctionFactory.Create(() => 42, "GetSecretNumber", "Gets the secret number");
        using var chat = provider.AsIChatClient().AsBuilder().UseFunctionInvocation().UseOpenTelemetry(sourceName: source).Build();
        var options = new ChatOptions { Tools = [secret], ToolMode = ChatToolMode.Auto, MaxOutputTokens = 8 };

        var response = await ChatConformance.AskAsync(chat, [new(ChatRole.User, "What is the current secret number?")], options, streaming, cts.Token);

        // A random model answers text (it does not choose the call), so one model call: one chat span whose numbers are the response's.
        var span = spans.Stopped.Where(a => Equals(a.GetTagItem("gen_ai.operation.name"), "chat")).ShouldHaveSingleItem();
        span.GetTagItem("gen_ai.request.model").ShouldBe(ConformanceServers.ModelName);
        span.GetTagItem("server.port").ShouldBe(server.BaseAddress.Port);
        span.GetTagItem("gen_ai.response.id").ShouldBe(response.ResponseId);
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe((int)response.Usage!.InputTokenCount!.Value);
        span.GetTagItem("gen_ai.usage.output_tokens").ShouldBe((int)response.Usage.OutputTokenCount!.Value);
        metrics.Sum(source, "input").ShouldBe(response.Usage.InputTokenCount.Value);
        metrics.Sum(source, "output").ShouldBe(response.Usage.OutputTokenCount.Value);
        metrics.Sum(OpenCodeTelemetry.MeterName, "input", server.BaseAddress.Port).ShouldBe(0, "the chat face leaves gen_ai.* to UseOpenTelemetry");
    }

    [Fact]
    public async Task FunctionInvocation_RequiredToolThisBuildCannotConstrain_TheServersTypedErrorNotASilentAnswer()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => 42, "GetSecretNumber")], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 8 };

        // de3ff81 with a tiny random model answers 400 "Failed to initialize samplers" to the grammar a required call needs (FACTS.md).
        var ex = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync("What is the secret number?", options, cts.Token));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StructuredOutput_GetResponseOfT_ReturnsAnObjectOfTheSchema()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.NoJinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();

        var response = await chat.GetResponseAsync<Choice>("Pick one.", new ChatOptions { MaxOutputTokens = 200 }, cancellationToken: cts.Token);

        response.TryGetResult(out var choice).ShouldBeTrue(response.Text);
        choice.ShouldNotBeNull();
    }

    [Fact]
    public async Task StructuredOutput_StreamedJsonSchema_TheJoinedTextIsAnObjectOfTheSchema()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.NoJinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""").RootElement;

        var response = await chat.GetStreamingResponseAsync("Is it ok?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer"), MaxOutputTokens = 200 }, cts.Token)
            .ToChatResponseAsync(cts.Token);

        using var json = JsonDocument.Parse(response.Text);
        json.RootElement.GetProperty("ok").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
    }

    /// <summary>A small answer shape: one boolean, so the grammar-constrained output is short.</summary>
    public sealed record Choice(bool Yes);

    /// <summary>Sums <c>gen_ai.client.token.usage</c> by meter and token type (the OpenCode meter's filtered by server port, as tests share it).</summary>
    private sealed class TokenMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Meter, string? Type, object? Port, long Value)> _values = new();

        public TokenMetrics(string source)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "gen_ai.client.token.usage" && (instrument.Meter.Name == source || instrument.Meter.Name == OpenCodeTelemetry.MeterName))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            _listener.Start();
        }

        public long Sum(string meter, string type, int? port = null) =>
            _values.Where(v => v.Meter == meter && v.Type == type && (port is null || Equals(v.Port, port))).Sum(v => v.Value);

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? type = null;
            object? port = null;
            foreach (var tag in tags)
            {
                type = tag.Key == "gen_ai.token.type" ? tag.Value as string : type;
                port = tag.Key == "server.port" ? tag.Value : port;
            }

            _values.Enqueue((instrument.Meter.Name, type, port, value));
        }
    }
}
