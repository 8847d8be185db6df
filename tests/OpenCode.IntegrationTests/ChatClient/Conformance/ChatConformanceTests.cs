using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace OpenCode.IntegrationTests.ChatClient.Conformance;

/// <summary>
/// The chat face's conformance with what Microsoft.Extensions.AI middleware relies on, against a real llama-server: usage sums, one
/// <see cref="UsageContent"/> per stream, history, multi-turn, caching, logging and cancellation. A tiny random model answers, so the
/// checks are about mechanics, never about what the text says.
/// </summary>
public sealed class ChatConformanceTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task GetResponse_Usage_InputAndOutputAddUpToTotal()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();

        var response = await chat.GetResponseAsync("Explain in 10 words how AI works", new ChatOptions { MaxOutputTokens = 8 }, cts.Token);

        response.Usage.ShouldNotBeNull();
        response.Usage.InputTokenCount.ShouldNotBeNull().ShouldBeGreaterThan(1);
        response.Usage.OutputTokenCount.ShouldBe(8);
        response.Usage.TotalTokenCount.ShouldBe(response.Usage.InputTokenCount + response.Usage.OutputTokenCount);
        response.FinishReason.ShouldBe(ChatFinishReason.Length);
        response.ResponseId.ShouldNotBeNullOrEmpty();
        response.ModelId.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("qwen2.5-coder:7b")]
    [InlineData("any-alias")]
    public async Task GetResponse_ModelIdTheServerDoesNotList_SentAndServedBySingleModelServer(string modelId)
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();
        (await provider.ListModelsAsync(cts.Token)).ShouldNotContain(m => m.Id == modelId);

        var response = await chat.GetResponseAsync("hi", new ChatOptions { ModelId = modelId, MaxOutputTokens = 3 }, cts.Token);

        response.Usage!.OutputTokenCount.ShouldBe(3);
        response.ModelId.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetStreamingResponse_ExactlyOneUsageContentWhoseCountsAddUp()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Explain in 10 words how AI works", new ChatOptions { MaxOutputTokens = 8 }, cts.Token))
        {
            updates.Add(update);
        }

        updates.Count.ShouldBeGreaterThan(1);
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().ShouldHaveSingleItem().Details;
        usage.InputTokenCount.ShouldNotBeNull().ShouldBeGreaterThan(1);
        usage.OutputTokenCount.ShouldBe(8);
        usage.TotalTokenCount.ShouldBe(usage.InputTokenCount + usage.OutputTokenCount);
        updates.Select(u => u.ResponseId).Distinct().ShouldHaveSingleItem().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetStreamingResponse_AppendedToHistory_OneAssistantMessageWithOneText()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();
        List<ChatMessage> history = [new(ChatRole.User, "Explain in 100 words how AI works")];

        await history.AddMessagesAsync(chat.GetStreamingResponseAsync(history, new ChatOptions { MaxOutputTokens = 12 }, cts.Token), cts.Token);

        history.Count.ShouldBe(2);
        history[1].Role.ShouldBe(ChatRole.Assistant);
        var text = history[1].Contents.ShouldHaveSingleItem().ShouldBeOfType<TextContent>();
        text.Text.ShouldNotBeEmpty();
        history[1].Text.ShouldBe(text.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponse_MultiTurnWithEmptyMessages_AllTurnsReachThePrompt(bool streaming)
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();
        var options = new ChatOptions { MaxOutputTokens = 4 };
        List<ChatMessage> last = [new(ChatRole.User, "What continent are they each in?")];
        List<ChatMessage> turns =
        [
            new(ChatRole.System, []),
            new(ChatRole.User, "Pick a city, any city"),
            new(ChatRole.Assistant, "Seattle"),
            new(ChatRole.User, "And another one"),
            new(ChatRole.Assistant, "Jakarta"),
            .. last,
        ];

        var single = await ChatConformance.AskAsync(chat, last, options, streaming, cts.Token);
        var multi = await ChatConformance.AskAsync(chat, turns, options, streaming, cts.Token);

        multi.Text.ShouldNotBeEmpty();
        multi.Usage!.InputTokenCount!.Value.ShouldBeGreaterThan(single.Usage!.InputTokenCount!.Value + 20);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DistributedCache_SecondIdenticalCall_ServedFromTheCacheWithTheSameText(bool streaming)
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        var counter = new CountingChatClient(provider.AsIChatClient());
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var chat = new ChatClientBuilder(counter).UseDistributedCache(cache).Build();
        var options = new ChatOptions { MaxOutputTokens = 6, Temperature = 0.9f };

        var first = await ChatConformance.AskAsync(chat, [new(ChatRole.User, "cache me")], options, streaming, cts.Token);
        var second = await ChatConformance.AskAsync(chat, [new(ChatRole.User, "cache me")], options, streaming, cts.Token);

        counter.Calls.ShouldBe(1);
        second.Text.ShouldBe(first.Text);
        second.ResponseId.ShouldBe(first.ResponseId);
    }

    [Fact]
    public async Task UseLogging_Trace_LogsTheCallAndItsCompletion()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        using var chat = provider.AsIChatClient().AsBuilder().UseLogging(loggerFactory).Build();

        await chat.GetResponseAsync("log me", new ChatOptions { MaxOutputTokens = 4 }, cts.Token);

        var logs = collector.GetSnapshot();
        logs.ShouldContain(r => r.Message.Contains("GetResponseAsync invoked", StringComparison.Ordinal));
        logs.ShouldContain(r => r.Message.Contains("GetResponseAsync completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetStreamingResponse_CancelledMidStream_StopsAndTheServerServesTheNextRequest()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = ConformanceServers.Provider(await ConformanceServers.JinjaAsync(fixture, cts.Token));
        using var chat = provider.AsIChatClient();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var received = 0;

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("long answer", new ChatOptions { MaxOutputTokens = 4000 }, cancel.Token))
            {
                if (++received == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        received.ShouldBe(3);
        var next = await chat.GetResponseAsync("again", new ChatOptions { MaxOutputTokens = 4 }, cts.Token);
        next.Usage!.OutputTokenCount.ShouldBe(4);
    }

    /// <summary>Counts the calls that reach the chat client below a cache.</summary>
    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }
    }
}
