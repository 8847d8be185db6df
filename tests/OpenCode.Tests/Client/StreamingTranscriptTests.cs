using System.Text;
using System.Text.Json;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class StreamingTranscriptTests
{
    public static TheoryData<int> SplitSizes => [1, 2, 3, 7, 61, 1024, int.MaxValue];

    [Theory]
    [MemberData(nameof(SplitSizes))]
    public async Task StreamChatCompletion_RealTranscriptSplitAnywhere_DeliversEveryDeltaAndReportedUsage(int splitSize)
    {
        var body = ClientHarness.Transcript("llama-server-chat-stream.include-usage.sse");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, splitSize)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        error.ShouldBeNull();
        var expected = ExpectedContent(body);
        string.Concat(chunks.Select(c => c.Content)).ShouldBe(expected.Text);
        chunks.Count(c => c.Content.Length > 0).ShouldBe(expected.Deltas);
        var final = chunks[^1];
        final.IsDone.ShouldBeTrue();
        final.FinishReason.ShouldBe(FinishReason.Length);
        final.Metadata.Model.ShouldBe("tiny");
        final.Metadata.Usage.ShouldBe(new TokenUsage(31, 512, UsageSource.Reported) { CachedPromptTokens = 0 });
        chunks.Count(c => c.IsDone).ShouldBe(1);
    }

    [Fact]
    public async Task StreamChatCompletion_TranscriptWithoutUsage_TakesUsageFromTimings()
    {
        var body = ClientHarness.Transcript("llama-server-chat-stream.sse");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 500)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        error.ShouldBeNull();
        var usage = chunks[^1].Metadata.Usage!;
        usage.Source.ShouldBe(UsageSource.Timings);
        usage.CompletionTokens.ShouldBe(512);
        usage.PromptTokens.ShouldBe(31); // prompt_n 1 + cache_n 30
        usage.CachedPromptTokens.ShouldBe(30);
    }

    [Fact]
    public async Task StreamChatCompletion_NoUsageNoTimings_CountsChunksAndMarksCounted()
    {
        var body = ClientHarness.Events(ClientHarness.Delta("a"), ClientHarness.Delta("b"), ClientHarness.Delta("c"), ClientHarness.Finish("stop"), "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 10)));

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat("0123456789abcdef"), "tiny", TestContext.Current.CancellationToken));

        var usage = chunks[^1].Metadata.Usage!;
        usage.Source.ShouldBe(UsageSource.Counted);
        usage.CompletionTokens.ShouldBe(3);
        usage.PromptTokens.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task StreamChatCompletion_CommentsCrLfAndMultiLineData_AreParsed()
    {
        // A comment/ping, CRLF line endings, and one event whose JSON spans two data lines (joined with a newline).
        var text = ": ping\r\n\r\n" +
            "data: " + ClientHarness.Delta("x") + "\r\n\r\n" +
            "data: {\"choices\":[{\"index\":0,\r\ndata: \"delta\":{\"content\":\"y\"}}],\"model\":\"tiny\"}\r\n\r\n" +
            ": keep-alive\n\n" +
            "data: " + ClientHarness.Finish("stop") + "\n\ndata: [DONE]\n\n";
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(Encoding.UTF8.GetBytes(text), 5)));

        var (chunks, error) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        error.ShouldBeNull();
        string.Concat(chunks.Select(c => c.Content)).ShouldBe("xy");
        chunks[^1].FinishReason.ShouldBe(FinishReason.Stop);
    }

    [Fact]
    public async Task StreamChatCompletion_MultiByteCharactersSplitAcrossReads_ArriveWhole()
    {
        var body = ClientHarness.Events(ClientHarness.Delta("héllo "), ClientHarness.Delta("世界 🚀"), ClientHarness.Finish("stop"), "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 1)));

        var (chunks, _) = await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("héllo 世界 🚀");
    }

    private static (string Text, int Deltas) ExpectedContent(byte[] transcript)
    {
        var text = new StringBuilder();
        var deltas = 0;
        foreach (var line in Encoding.UTF8.GetString(transcript).Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line["data: ".Length..]);
            var choices = doc.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            {
                text.Append(c.GetString());
                deltas += c.GetString()!.Length > 0 ? 1 : 0;
            }
        }

        return (text.ToString(), deltas);
    }
}
