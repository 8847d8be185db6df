using System.Collections.Concurrent;
using OpenCode.Configuration;
using OpenCode.Routing;

namespace OpenCode.IntegrationTests.Routing;

/// <summary>The router over three real llama-servers, one of which is killed in the middle of a run.</summary>
/// <remarks>Runs alone: its 500 requests load both cores, which would upset the timing of tests running beside it.</remarks>
[Collection(RouterFleetCollection.Name)]
public sealed class RouterAgainstLlamaServersTests(LlamaServerFixture fixture)
{
    private const int Requests = 500;
    private const int Workers = 6;

    [Fact]
    public async Task SendMessage_OneOfThreeKilledDuring500Requests_EachCompletesOnceOrFailsTypedAndKilledOneComesBack()
    {
        using var cts = TestDeadline.After(TimeSpan.FromMinutes(5));
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { Parallel = 2, ContextSize = 512, MaxRestarts = 3 }, cts.Token)));
        var names = new[] { "a", "b", "c" };
        var options = new OpenCodeOptions
        {
            RateLimits = { RequestsPerMinute = 1000, TokensPerMinute = 1_000_000, ConcurrentRequests = 20, MaxQueueSize = 1000 },
            Routing = { Health = { ProbeInterval = 1, Cooldown = 1 }, Cache = { Enabled = false } },
        };
        for (var i = 0; i < 3; i++)
        {
            options.Instances.Add(new InstanceOptions { Name = names[i], ApiEndpoint = servers[i].BaseAddress.ToString() });
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var router = OpenCodeRouter.Create(options);
        await router.InitializeAsync(cts.Token);
        Log($"started and initialized: {clock.Elapsed}");
        var killed = servers[1];
        var port = killed.BaseAddress.Port;

        var outcomes = new ConcurrentBag<Outcome>();
        var next = -1;
        Task? kill = null;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(
            async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < Requests)
                {
                    if (index == Requests / 5)
                    {
                        kill = killed.KillForTestingAsync();
                    }

                    outcomes.Add(await SendAsync(router, index, cts.Token));
                }
            },
            cts.Token)));
        await kill!;
        Log($"500 requests done: {clock.Elapsed}");

        outcomes.Count.ShouldBe(Requests);
        outcomes.Select(o => o.Index).Distinct().Count().ShouldBe(Requests);
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is null)
            {
                outcome.FinalChunks.ShouldBe(1, $"request {outcome.Index} must be answered exactly once");
                outcome.Route!.Attempts.Count(a => a.ErrorCode is null).ShouldBe(1);
                outcome.Route.Attempts[^1].Instance.ShouldBe(outcome.Route.Instance);
            }
            else
            {
                outcome.Error.ShouldBeAssignableTo<OpenCodeException>($"request {outcome.Index} failed untyped: {outcome.Error}");
            }
        }

        var answered = outcomes.Count(o => o.Error is null);
        Log($"answered {answered}, failed with a typed error {Requests - answered}, answered after a failover {outcomes.Count(o => o.Route?.Attempts.Count > 1)}");
        answered.ShouldBeGreaterThan(Requests * 9 / 10, $"failures: {string.Join("; ", outcomes.Where(o => o.Error is not null).Select(o => o.Error!.Message).Distinct().Take(5))}");
        outcomes.Where(o => o.Route is not null).SelectMany(o => o.Route!.Attempts).ShouldContain(a => a.Instance == "b" && a.ErrorCode != null, "the kill was seen");

        // The supervisor restarts the killed server on the same port; the router probes it back into rotation.
        await killed.EnsureRunningAsync(cts.Token);
        killed.BaseAddress.Port.ShouldBe(port);
        while ((await router.CheckHealthAsync(cts.Token)).Instances[1].State != InstanceHealthState.Healthy)
        {
            await Task.Delay(100, cts.Token);
        }

        Log($"killed one back in rotation: {clock.Elapsed}");
        var before = router.GetStatistics().Instances[1].Requests;
        for (var i = 0; i < 12; i++)
        {
            (await SendAsync(router, i, cts.Token)).Error.ShouldBeNull();
        }

        router.GetStatistics().Instances[1].Requests.ShouldBeGreaterThan(before, "the restarted instance takes requests again");
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static async Task<Outcome> SendAsync(OpenCodeRouter router, int index, CancellationToken cancellationToken)
    {
        var finals = 0;
        RouteInfo? route = null;
        try
        {
            var request = new MessageRequest { Messages = [Message.User($"Request {index}: write a loop.")], MaxTokens = 4 };
            await foreach (var chunk in router.SendMessageAsync(request, cancellationToken))
            {
                if (chunk.IsDone)
                {
                    finals++;
                    route = chunk.Metadata.Route;
                }
            }

            return new Outcome(index, finals, route, null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(index, finals, route, exception);
        }
    }

    private sealed record Outcome(int Index, int FinalChunks, RouteInfo? Route, Exception? Error);
}
