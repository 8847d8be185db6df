using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Provider;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.ChatClient;

/// <summary>The chat client under Microsoft.Extensions.AI's UseFunctionInvocation, against a scripted server on 127.0.0.1.</summary>
public sealed class FunctionInvocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool, bool> Modes => new() { { true, true }, { false, true }, { false, false } };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task UseFunctionInvocation_ServerAsksForTwoCalls_InvokesBothAndSendsResultsBack(bool streamingClient, bool streamingWire)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenToolCalls(("call_1", "get_weather", """{"city":"Paris"}"""), ("call_2", "get_weather", """{"city":"Oslo"}"""));
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url, Features = { Streaming = streamingWire } });
        var invoked = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { invoked.Add(city); return $"sunny in {city}"; }, "get_weather", "Gets the weather of a city");
        using var chat = provider.AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather], AllowMultipleToolCalls = true };

        var text = streamingClient
            ? (await chat.GetStreamingResponseAsync("weather?", options, Ct).ToChatResponseAsync(Ct)).Text
            : (await chat.GetResponseAsync("weather?", options, Ct)).Text;

        text.ShouldBe("hello world");
        invoked.ShouldBe(["Paris", "Oslo"]);
        var bodies = server.ChatBodies.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        bodies.Count.ShouldBe(2);
        bodies[0].GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
        bodies[0].GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString().ShouldBe("string");
        bodies[0].GetProperty("parallel_tool_calls").GetBoolean().ShouldBeTrue();
        var history = bodies[1].GetProperty("messages");
        history.GetArrayLength().ShouldBe(4);
        history[1].GetProperty("role").GetString().ShouldBe("assistant");
        history[1].GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe(["call_1", "call_2"]);
        JsonDocument.Parse(history[1].GetProperty("tool_calls")[1].GetProperty("function").GetProperty("arguments").GetString()!)
            .RootElement.GetProperty("city").GetString().ShouldBe("Oslo");
        history[2].GetProperty("tool_call_id").GetString().ShouldBe("call_1");
        history[2].GetProperty("content").GetString().ShouldBe("sunny in Paris");
        history[3].GetProperty("tool_call_id").GetString().ShouldBe("call_2");
        history[3].GetProperty("content").GetString().ShouldBe("sunny in Oslo");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponse_ToolCallAnswer_FunctionCallContentWithParsedArgumentsAndToolCallsFinish(bool streaming)
    {
        await using var server = await ScriptedServer.StartAsync();
        server.ThenToolCalls(("call_9", "lookup", """{"id":42,"deep":{"a":[1,2]}}"""));
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((int id) => id, "lookup")], ToolMode = ChatToolMode.RequireSpecific("lookup") };

        var response = streaming
            ? await chat.GetStreamingResponseAsync("find", options, Ct).ToChatResponseAsync(Ct)
            : await chat.GetResponseAsync("find", options, Ct);

        response.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        call.CallId.ShouldBe("call_9");
        call.Name.ShouldBe("lookup");
        call.Arguments!["id"].ShouldBeOfType<JsonElement>().GetInt32().ShouldBe(42);
        response.Text.ShouldBe(string.Empty);
        var body = JsonDocument.Parse(server.ChatBodies.Single()).RootElement;
        // llama-server reads tool_choice as a string only: a named function goes as "required" with that function alone.
        body.GetProperty("tool_choice").GetString().ShouldBe("required");
        body.GetProperty("tools").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("auto", "auto")]
    [InlineData("required", "required")]
    public async Task GetResponse_ToolMode_SentAsToolChoice(string mode, string expected)
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient();
        ChatToolMode toolMode = mode switch { "none" => ChatToolMode.None, "auto" => ChatToolMode.Auto, _ => ChatToolMode.RequireAny };

        await chat.GetResponseAsync("hi", new ChatOptions { Tools = [AIFunctionFactory.Create(() => 1, "one")], ToolMode = toolMode }, Ct);

        JsonDocument.Parse(server.ChatBodies.Single()).RootElement.GetProperty("tool_choice").GetString().ShouldBe(expected);
    }

    [Fact]
    public async Task GetResponse_HostedTool_CapabilityNotSupportedNamingIt()
    {
        await using var server = await ScriptedServer.StartAsync();
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.Url });
        using var chat = provider.AsIChatClient();

        var error = await Should.ThrowAsync<OpenCodeException>(() => chat.GetResponseAsync("hi", new ChatOptions { Tools = [new HostedWebSearchTool()] }, Ct));

        error.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        error.Message.ShouldContain("ChatOptions.Tools[0]");
        server.ChatRequests.ShouldBe(0);
    }
}
