using OpenCode.Configuration;
using OpenCode.Limits;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Provider;

/// <summary>
/// With no concurrency limit configured, a provider sends a real llama-server started with <c>--parallel 2</c> at most two requests at once
/// and holds the rest in the client (<c>rateLimits.matchServerSlots</c>).
/// </summary>
public sealed class ServerSlotTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendMessage_SixCallersTwoSlots_HoldsTheRestInTheClientUnlessSwitchedOff(bool matchServerSlots)
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { Parallel = 2 }, cts.Token);
        var options = new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() };
        options.RateLimits.MatchServerSlots = matchServerSlots;
        await using var provider = new OpenCodeProvider(options);
        (await provider.GetCapabilitiesAsync(cts.Token)).ParallelSlots.ShouldBe(2);
        var gate = provider.GetService<ServerSlotStage>();
        long mostWaiting = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(
            async () =>
            {
                while (!sampling.IsCancellationRequested && gate is not null)
                {
                    mostWaiting = Math.Max(mostWaiting, gate.Waiting);
                    await Task.Yield();
                }
            },
            CancellationToken.None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => provider
            .SendMessageAsync(new MessageRequest { Messages = [Message.User($"Write function number {i}.")], MaxTokens = 48, Seed = i }, cts.Token)
            .ToCompletedMessageAsync(cancellationToken: cts.Token)));
        await sampling.CancelAsync();
        await sampler;

        answers.ShouldAllBe(a => a.FinishReason == FinishReason.Length && a.Usage != null && a.Usage.CompletionTokens == 48);
        if (matchServerSlots)
        {
            gate.ShouldNotBeNull().Slots.ShouldBe(2);
            mostWaiting.ShouldBeInRange(1, 4);
            gate.Waiting.ShouldBe(0);
        }
        else
        {
            gate.ShouldBeNull();
        }
    }
}
