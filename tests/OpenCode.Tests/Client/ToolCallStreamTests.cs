using System.Net;
using System.Text.Json;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class ToolCallStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int> SplitSizes => [1, 3, 17, 256, int.MaxValue];

    [Theory]
    [MemberData(nameof(SplitSizes))]
    public async Task StreamChatCompletion_ToolCallDeltasSplitAnywhere_AssemblesWholeCallsByIndex(int splitSize)
    {
        var body = ClientHarness.Transcript("llama-server-chat-stream.tool-calls.sse");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, splitSize)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        error.ShouldBeNull();
        string.Concat(chunks.Select(c => c.Content)).ShouldBe("Checking both.");
        chunks.Take(chunks.Count - 1).ShouldAllBe(c => c.ToolCalls == null);
        var final = chunks[^1];
        final.FinishReason.ShouldBe(FinishReason.ToolCalls);
        final.ToolCalls.ShouldBe([new ToolCall("call_w1", "get_weather", """{"city":"Paris"}"""), new ToolCall("call_t2", "get_time", """{"zone":"CET"}""")]);
        final.Metadata.Usage!.CompletionTokens.ShouldBe(21);
    }

    [Fact]
    public async Task StreamChatCompletion_CallsInterleavedOutOfOrder_OrderedByIndex()
    {
        var body = ClientHarness.Events(
            ToolDelta("""{"index":1,"id":"b","function":{"name":"second","arguments":"{"}}"""),
            ToolDelta("""{"index":0,"id":"a","function":{"name":"first","arguments":"{}"}}"""),
            ToolDelta("""{"index":1,"function":{"arguments":"}"}}"""),
            ClientHarness.Finish("stop"),
            "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, int.MaxValue)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        error.ShouldBeNull();
        chunks.Single().ToolCalls!.Select(c => c.Name).ShouldBe(["first", "second"]);
        chunks.Single().FinishReason.ShouldBe(FinishReason.ToolCalls);
    }

    [Theory]
    [InlineData("""{\"city\":""", "not valid JSON")]
    [InlineData("""[1,2]""", "not an object")]
    public async Task StreamChatCompletion_MalformedArguments_InvalidResponseAfterTextDelivered(string arguments, string problem)
    {
        var body = ClientHarness.Events(
            ClientHarness.Delta("Calling"),
            ToolDelta($$$"""{"index":0,"id":"c1","function":{"name":"get_weather","arguments":"{{{arguments}}}"}}"""),
            ClientHarness.Finish("tool_calls"),
            "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, int.MaxValue)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        chunks.Single().Content.ShouldBe("Calling");
        var invalid = error.ShouldBeOfType<OpenCodeInvalidResponseException>();
        invalid.Code.ShouldBe(OpenCodeErrorCodes.InvalidResponse);
        invalid.Message.ShouldContain(problem);
        invalid.Message.ShouldContain("get_weather");
    }

    [Fact]
    public async Task StreamChatCompletion_ToolCallsNotAnArray_InvalidResponse()
    {
        var body = ClientHarness.Events(ToolDeltaRaw("""{"index":0}"""), "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, int.MaxValue)));

        var (_, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        error.ShouldBeOfType<OpenCodeInvalidResponseException>().Message.ShouldContain("tool_calls is a JSON StartObject");
    }

    [Fact]
    public async Task CreateChatCompletion_MessageWithToolCalls_ParsesCallsAndFinishReason()
    {
        const string answer = """
            {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
              "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]}}],
             "model":"tiny","usage":{"prompt_tokens":5,"completion_tokens":3}}
            """;
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(answer))));

        var result = await client.CreateChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct);

        result.Content.ShouldBe(string.Empty);
        result.FinishReason.ShouldBe(FinishReason.ToolCalls);
        result.ToolCalls.ShouldBe([new ToolCall("call_1", "get_weather", """{"city":"Oslo"}""")]);
    }

    [Fact]
    public async Task CreateChatCompletion_CallWithoutName_InvalidResponse()
    {
        const string answer = """{"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","tool_calls":[{"id":"x","function":{"arguments":"{}"}}]}}]}""";
        using var client = ClientHarness.Create(new ScriptedHandler((_, _, _) => Task.FromResult(ScriptedHandler.Json(answer, HttpStatusCode.OK))));

        var error = await Should.ThrowAsync<OpenCodeInvalidResponseException>(() => client.CreateChatCompletionAsync(ClientHarness.Chat(), "tiny", Ct));

        error.Message.ShouldContain("no function name");
    }

    [Fact]
    public async Task StreamChatCompletion_ToolsChoiceAndHistory_WrittenAsOpenAiWireFields()
    {
        var handler = ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events(ClientHarness.Finish("stop"), "[DONE]"), int.MaxValue));
        using var client = ClientHarness.Create(handler);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;
        var request = new MessageRequest
        {
            Messages =
            [
                Message.User("weather?"),
                Message.AssistantToolCalls([new ToolCall("call_1", "get_weather", """{"city":"Oslo"}""")]),
                Message.ToolResult("call_1", "sunny"),
            ],
            Tools = [new ToolDefinition("get_weather", "Gets the weather", schema), new ToolDefinition("now")],
            ToolChoice = ToolChoice.Function("get_weather"),
            ParallelToolCalls = false,
        };

        await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(request, "tiny", Ct));

        var body = JsonDocument.Parse(handler.Requests.Single().Body!).RootElement;
        var tools = body.GetProperty("tools");
        tools[0].GetProperty("function").GetProperty("parameters").GetProperty("required")[0].GetString().ShouldBe("city");
        tools[0].GetProperty("function").GetProperty("description").GetString().ShouldBe("Gets the weather");
        tools[1].GetProperty("function").GetProperty("parameters").GetProperty("type").GetString().ShouldBe("object");
        body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
        body.GetProperty("parallel_tool_calls").GetBoolean().ShouldBeFalse();
        var assistant = body.GetProperty("messages")[1];
        assistant.GetProperty("content").ValueKind.ShouldBe(JsonValueKind.Null);
        assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString().ShouldBe("""{"city":"Oslo"}""");
        var tool = body.GetProperty("messages")[2];
        tool.GetProperty("role").GetString().ShouldBe("tool");
        tool.GetProperty("tool_call_id").GetString().ShouldBe("call_1");
        tool.GetProperty("content").GetString().ShouldBe("sunny");
    }

    [Theory]
    [InlineData("missing", "not among the request's Tools")]
    [InlineData(null, "has no Tools")]
    public async Task StreamChatCompletion_BadToolChoice_InvalidRequestBeforeSending(string? function, string problem)
    {
        var handler = ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events("[DONE]"), int.MaxValue));
        using var client = ClientHarness.Create(handler);
        var request = ClientHarness.Chat() with
        {
            Tools = function is null ? [] : [new ToolDefinition("present")],
            ToolChoice = function is null ? ToolChoice.Required : ToolChoice.Function(function),
        };

        var (_, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(request, "tiny", Ct));

        error.ShouldBeOfType<OpenCodeException>().Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        error.Message.ShouldContain(problem);
        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task StreamCompletion_PlainCompletionWithTools_CapabilityNotSupported()
    {
        var handler = ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events("[DONE]"), int.MaxValue));
        using var client = ClientHarness.Create(handler);

        var (_, error) = await ClientHarness.CollectAsync(
            client.StreamCompletionAsync(new MessageRequest { Prompt = "x", Tools = [new ToolDefinition("f")] }, "tiny", Ct));

        error.ShouldBeOfType<OpenCodeException>().Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
    }

    private static string ToolDelta(string call) => ToolDeltaRaw("[" + call + "]");

    private static string ToolDeltaRaw(string calls) =>
        $$$"""{"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":{{{calls}}}}}],"model":"tiny","object":"chat.completion.chunk"}""";
}
