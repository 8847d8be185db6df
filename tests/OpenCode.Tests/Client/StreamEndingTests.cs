using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class StreamEndingTests
{
    [Theory]
    [InlineData("stop")]
    [InlineData("length")]
    [InlineData("tool_calls")]
    [InlineData("content_filter")]
    public async Task StreamChatCompletion_FinishReason_IsReportedOnFinalChunk(string reason)
    {
        var body = ClientHarness.Events(ClientHarness.Delta("a"), ClientHarness.Finish(reason), "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 9)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        error.ShouldBeNull();
        chunks[^1].IsDone.ShouldBeTrue();
        chunks[^1].FinishReason!.Value.Value.ShouldBe(reason);
    }

    [Fact]
    public async Task StreamChatCompletion_ToolCallDeltaWithStop_ReportsToolCalls()
    {
        var toolDelta = """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}],"model":"tiny"}""";
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events(toolDelta, "[DONE]"), 64)));

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        chunks[^1].FinishReason.ShouldBe(FinishReason.ToolCalls);
    }

    [Fact]
    public async Task StreamChatCompletion_ErrorEventMidStream_ThrowsAfterDeliveredChunks()
    {
        var error = """{"error":{"code":500,"message":"Invalid UTF-8 sequence","type":"server_error"}}""";
        var body = ClientHarness.Events(ClientHarness.Delta("one"), ClientHarness.Delta("two"), error);
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 13)));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        chunks.Select(c => c.Content).ShouldBe(["one", "two"]);
        var ex = thrown.ShouldBeOfType<OpenCodeStreamInterruptedException>();
        ex.Code.ShouldBe(OpenCodeErrorCodes.StreamInterrupted);
        ex.ChunksDelivered.ShouldBe(2);
        ex.ServerErrorType.ShouldBe("server_error");
        ex.ErrorBody.ShouldBe(error);
        ex.Message.ShouldContain("Invalid UTF-8 sequence");
    }

    [Fact]
    public async Task StreamChatCompletion_ConnectionDropsMidStream_ThrowsStreamInterrupted()
    {
        var body = ClientHarness.Events(ClientHarness.Delta("partial"));
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 20, ScriptedStream.Ending.ConnectionReset)));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        chunks.Single().Content.ShouldBe("partial");
        thrown.ShouldBeOfType<OpenCodeStreamInterruptedException>().ChunksDelivered.ShouldBe(1);
    }

    [Fact]
    public async Task StreamChatCompletion_CleanCloseWithoutFinishOrDone_ThrowsStreamInterruptedNotShortAnswer()
    {
        var body = ClientHarness.Events(ClientHarness.Delta("a"), ClientHarness.Delta("b"));
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 1000)));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        chunks.Count.ShouldBe(2);
        chunks.ShouldAllBe(c => !c.IsDone);
        thrown.ShouldBeOfType<OpenCodeStreamInterruptedException>().Message.ShouldContain("before the server finished");
    }

    [Fact]
    public async Task StreamChatCompletion_FinishWithoutDone_CompletesNormally()
    {
        var body = ClientHarness.Events(ClientHarness.Delta("a"), ClientHarness.Finish("stop"));
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 1000)));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        thrown.ShouldBeNull();
        chunks[^1].FinishReason.ShouldBe(FinishReason.Stop);
    }

    [Theory]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"x\"}", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":42}}]}", "choices[0].delta.content is a JSON Number")]
    public async Task StreamChatCompletion_MalformedEvent_ThrowsInvalidResponseKeepingDeliveredChunks(string badEvent, string expectedProblem)
    {
        var body = ClientHarness.Events(ClientHarness.Delta("kept"), badEvent, ClientHarness.Finish("stop"), "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 7)));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        chunks.Single().Content.ShouldBe("kept");
        var ex = thrown.ShouldBeOfType<OpenCodeInvalidResponseException>();
        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidResponse);
        ex.Message.ShouldContain("Stream event 2");
        ex.Message.ShouldContain(expectedProblem);
    }

    [Fact]
    public async Task StreamChatCompletion_UnknownFieldsAndOtherChoices_AreIgnored()
    {
        var odd = """{"id":"x","weird":{"nested":[1,{"a":null}]},"choices":[{"index":0,"delta":{"content":"ok","logprobs":{"x":[1]}},"extra":true},{"index":1,"delta":{"content":"other"}}],"model":"tiny"}""";
        var interleaved = """{"choices":[{"finish_reason":"length","delta":{"content":"second"},"index":1}],"model":"tiny"}""";
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events(odd, interleaved, ClientHarness.Finish("stop"), "[DONE]"), 3)));

        var (chunks, thrown) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        thrown.ShouldBeNull();
        string.Concat(chunks.Select(c => c.Content)).ShouldBe("ok");
        chunks[^1].FinishReason.ShouldBe(FinishReason.Stop);
    }

    [Fact]
    public async Task StreamChatCompletion_ReasoningContent_GoesToSeparateField()
    {
        var reasoning = """{"choices":[{"index":0,"delta":{"reasoning_content":"thinking..."}}],"model":"tiny"}""";
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events(reasoning, ClientHarness.Delta("answer"), ClientHarness.Finish("stop"), "[DONE]"), 11)));

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("answer");
        string.Concat(chunks.Select(c => c.ReasoningContent)).ShouldBe("thinking...");
    }

    [Fact]
    public async Task StreamChatCompletion_ThinkTagsSplitAcrossChunks_AreMovedToReasoning()
    {
        string[] pieces = ["<th", "ink>", "plan ", "it</th", "ink>\n", "code", " here"];
        var events = pieces.Select(ClientHarness.Delta).Append(ClientHarness.Finish("stop")).Append("[DONE]").ToArray();
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events(events), 17)));

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("code here");
        string.Concat(chunks.Select(c => c.ReasoningContent)).ShouldBe("plan it");
    }

    [Fact]
    public async Task StreamChatCompletion_ContentStartingWithOtherTag_IsLeftAlone()
    {
        var events = new[] { ClientHarness.Delta("<th"), ClientHarness.Delta("ead>"), ClientHarness.Finish("stop"), "[DONE]" };
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(ClientHarness.Events(events), 50)));

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("<thead>");
        chunks.ShouldAllBe(c => c.ReasoningContent == null);
    }
}
