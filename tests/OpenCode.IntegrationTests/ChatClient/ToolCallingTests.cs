using Microsoft.Extensions.AI;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.ChatClient;

/// <summary>
/// Tools against a real llama-server started with <c>--jinja</c> (its tool-call path). A tiny random model does not choose
/// to call tools, so these check that the server accepts tools and a history of calls and results, and reads that history.
/// </summary>
public sealed class ToolCallingTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponse_ToolsAndCallHistory_ServerAcceptsAndReadsTheHistory(bool streaming)
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(
            new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, Options = new LocalServerOptions { ContextSize = 1024 }, AdditionalArguments = ["--jinja"] }, cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });
        var invoked = 0;
        var weather = AIFunctionFactory.Create((string city) => { invoked++; return $"sunny in {city}"; }, "get_weather", "Gets the weather of a city");
        using var chat = provider.AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.Auto, AllowMultipleToolCalls = false, MaxOutputTokens = 6, Temperature = 0 };
        List<ChatMessage> question = [new(ChatRole.User, "What is the weather in Paris?")];
        List<ChatMessage> withHistory =
        [
            .. question,
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny in Paris, 24 degrees, light wind from the south-west")]),
        ];

        var first = await AskAsync(chat, question, options, streaming, cts.Token);
        var second = await AskAsync(chat, withHistory, options, streaming, cts.Token);

        first.FinishReason.ShouldNotBeNull();
        second.FinishReason.ShouldNotBeNull();
        first.Usage!.InputTokenCount.ShouldNotBeNull();

        // The call and its result reached the prompt: the template rendered more tokens for them.
        second.Usage!.InputTokenCount!.Value.ShouldBeGreaterThan(first.Usage.InputTokenCount.Value + 10);
        foreach (var call in first.Messages.Concat(second.Messages).SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            call.Name.ShouldBe("get_weather");
        }
    }

    private static async Task<ChatResponse> AskAsync(IChatClient chat, List<ChatMessage> messages, ChatOptions options, bool streaming, CancellationToken cancellationToken) =>
        streaming
            ? await chat.GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken)
            : await chat.GetResponseAsync(messages, options, cancellationToken);
}
