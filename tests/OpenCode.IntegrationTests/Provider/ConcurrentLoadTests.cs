using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Provider;

/// <summary>The client-side limits against a real llama-server with one slot (<c>--parallel 1</c>) under concurrent load.</summary>
public sealed class ConcurrentLoadTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SendMessage_ManyConcurrentCallersOneSlot_AllAnswerExactlyAndTheLimiterNeverExceedsItsSlots()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = await StartOneSlotProviderAsync(concurrentRequests: 2, maxQueueSize: 50, cts.Token);
        var maxInFlight = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(
            async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    maxInFlight = Math.Max(maxInFlight, ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).InFlight);
                    await Task.Yield();
                }
            },
            CancellationToken.None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => provider
            .SendMessageAsync(new MessageRequest { Messages = [Message.User($"Write function number {i}.")], MaxTokens = 8, Seed = i }, cts.Token)
            .ToCompletedMessageAsync(cancellationToken: cts.Token)));
        await sampling.CancelAsync();
        await sampler;

        answers.ShouldAllBe(a => a.FinishReason == FinishReason.Length && a.Usage != null && a.Usage.CompletionTokens == 8);
        maxInFlight.ShouldBeInRange(1, 2);
        ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).ShouldBe(new RateLimiterSnapshot(0, 0, 2, null));
        provider.Performance.GetSnapshot().Single().Requests.ShouldBe(16);
    }

    [Fact]
    public async Task SendMessage_QueueSmallerThanTheLoad_RejectsTheOverflowWithQueueFullAndServesTheRest()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var provider = await StartOneSlotProviderAsync(concurrentRequests: 1, maxQueueSize: 10, cts.Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                var answer = await provider.SendMessageAsync(new MessageRequest { Prompt = $"int f{i}() {{", MaxTokens = 32 }, cts.Token)
                    .ToCompletedMessageAsync(cancellationToken: cts.Token);
                return answer.FinishReason == FinishReason.Length ? "ok" : "unfinished";
            }
            catch (OpenCodeException ex)
            {
                return ex.Code;
            }
        }));

        results.ShouldAllBe(r => r == "ok" || r == OpenCodeErrorCodes.QueueFull);
        results.Count(r => r == "ok").ShouldBeGreaterThanOrEqualTo(11);
        results.Count(r => r == OpenCodeErrorCodes.QueueFull).ShouldBeGreaterThan(0);
        ((RateLimiterSnapshot)provider.GetService(typeof(RateLimiterSnapshot))!).ShouldBe(new RateLimiterSnapshot(0, 0, 1, null));
    }

    /// <summary>Starts a llama-server with one slot and an initialized provider for it with the given client-side limits.</summary>
    private async Task<OpenCodeProvider> StartOneSlotProviderAsync(int concurrentRequests, int maxQueueSize, CancellationToken cancellationToken)
    {
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { ContextSize = 512, Parallel = 1 }, cancellationToken);
        var options = new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() };
        options.RateLimits.ConcurrentRequests = concurrentRequests;
        options.RateLimits.MaxQueueSize = maxQueueSize;

        // Queued callers wait up to the test's own deadline: on a loaded machine the one slot can hold them past the 30 s default.
        options.RateLimits.QueueTimeout = (int)Deadline.TotalMilliseconds;
        var provider = new OpenCodeProvider(options);
        await provider.InitializeAsync(cancellationToken);
        return provider;
    }
}
