using Microsoft.Extensions.Time.Testing;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

public sealed class TimeoutAndCancellationTests
{
    [Fact]
    public async Task StreamChatCompletion_NoResponseHeaders_ThrowsFirstTokenTimeout()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var client = ClientHarness.Create(handler, time, o => new() { Endpoint = o.Endpoint, FirstTokenTimeout = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(60) });

        var run = ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));
        await handler.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(4));
        run.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(2));
        var (_, thrown) = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var ex = thrown.ShouldBeOfType<OpenCodeTimeoutException>();
        ex.Kind.ShouldBe(OpenCodeTimeoutKind.FirstToken);
        ex.Code.ShouldBe(OpenCodeErrorCodes.Timeout);
        ex.Message.ShouldContain("5000 ms");
    }

    [Fact]
    public async Task StreamChatCompletion_StallBetweenChunks_ThrowsIdleTimeoutAfterDeliveredChunk()
    {
        var time = new FakeTimeProvider();
        var stream = ScriptedStream.SplitEvery(ClientHarness.Events(ClientHarness.Delta("first")), 4096, ScriptedStream.Ending.Hang);
        using var client = ClientHarness.Create(
            ClientHarness.Streaming(() => stream),
            time,
            o => new() { Endpoint = o.Endpoint, IdleTimeout = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(60) });

        var run = ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));
        await stream.PiecesDelivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(3));
        var (chunks, thrown) = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        chunks.Single().Content.ShouldBe("first");
        thrown.ShouldBeOfType<OpenCodeTimeoutException>().Kind.ShouldBe(OpenCodeTimeoutKind.Idle);
        await stream.Cancelled.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StreamChatCompletion_SteadyChunksPastTotal_ThrowsTotalTimeout()
    {
        var time = new FakeTimeProvider();
        var stream = ScriptedStream.SplitEvery(ClientHarness.Events(ClientHarness.Delta("x")), 4096, ScriptedStream.Ending.Hang);
        using var client = ClientHarness.Create(
            ClientHarness.Streaming(() => stream),
            time,
            o => new() { Endpoint = o.Endpoint, IdleTimeout = TimeSpan.FromSeconds(100), MaxRequestDuration = TimeSpan.FromSeconds(10) });

        var run = ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));
        await stream.PiecesDelivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(11));
        var (_, thrown) = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        thrown.ShouldBeOfType<OpenCodeTimeoutException>().Kind.ShouldBe(OpenCodeTimeoutKind.Total);
    }

    [Fact]
    public async Task StreamChatCompletion_DefaultsAndAStreamThatKeepsSendingForAMinute_RunsToItsEnd()
    {
        var time = new FakeTimeProvider();
        var events = Enumerable.Range(0, 12).Select(i => ClientHarness.Events(ClientHarness.Delta($"t{i} ")))
            .Append(ClientHarness.Events(ClientHarness.Finish("stop"), "[DONE]")).ToList();
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => new ScriptedStream(events)), time);
        var chunks = new List<MessageChunk>();

        await foreach (var chunk in client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);

            // A slow local model: a token every 5 s, 60 s in all, past the 30 s first-token and idle defaults.
            time.Advance(TimeSpan.FromSeconds(5));
        }

        chunks.Count.ShouldBe(13);
        chunks[^1].FinishReason.ShouldBe(FinishReason.Stop);
    }

    [Fact]
    public async Task StreamChatCompletion_CallerCancelsMidStream_AbortsTheReadAndThrowsCanceled()
    {
        var stream = ScriptedStream.SplitEvery(ClientHarness.Events(ClientHarness.Delta("a")), 4096, ScriptedStream.Ending.Hang);
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => stream));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", cts.Token));
        await stream.PiecesDelivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        var (chunks, thrown) = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        chunks.Single().Content.ShouldBe("a");
        thrown.ShouldBeAssignableTo<OperationCanceledException>();
        stream.Cancelled.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task StreamChatCompletion_Finished_DisposesItsWatchdogTimer()
    {
        var time = new TimerWatch(new FakeTimeProvider());
        var body = ClientHarness.Events(ClientHarness.Delta("a"), ClientHarness.Finish("stop"), "[DONE]");
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => ScriptedStream.SplitEvery(body, 100)), time);

        await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "m", TestContext.Current.CancellationToken));

        time.ActiveTimers.ShouldBe(0);
    }
}
