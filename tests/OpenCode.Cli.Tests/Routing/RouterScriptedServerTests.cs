using Microsoft.Extensions.Time.Testing;
using OpenCode.Cli.Tests.Fakes;
using OpenCode.Configuration;
using OpenCode.Routing;

namespace OpenCode.Cli.Tests.Routing;

/// <summary>The router over scripted servers on 127.0.0.1: a slow one, a flapping one, and all of them down.</summary>
public sealed class RouterScriptedServerTests
{
    [Fact(Timeout = 30_000)]
    public async Task SendMessage_InstanceSlowerThanFirstTokenTimeout_FailsOverAndIsTakenOut()
    {
        // The slow instance holds every generation (20 s of wall-clock time, never reached): its first-token timeout passes on the
        // fake clock, advanced once the request has reached it.
        var time = new FakeTimeProvider();
        await using var slow = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Script = { FirstChunkDelay = TimeSpan.FromSeconds(20) } });
        await using var fast = await FakeOpenAiServer.StartAsync();
        var options = Options(("slow", slow), ("fast", fast));
        options.Timeout = 5000;
        options.FirstTokenTimeout = 200;
        await using var router = OpenCodeRouter.Create(options, timeProvider: time);
        await router.InitializeAsync(TestContext.Current.CancellationToken);

        var routes = new List<RouteInfo>();
        for (var i = 0; i < 6; i++)
        {
            routes.Add((await AnswerPassingFirstTokenTimeoutOnSlowAsync(router, slow, time, TimeSpan.FromMilliseconds(200)))
                .Route.ShouldNotBeNull());
        }

        routes.ShouldAllBe(r => r.Instance == "fast");
        routes.SelectMany(r => r.Attempts).Where(a => a.Instance == "slow").Select(a => a.ErrorCode).ShouldBe(Enumerable.Repeat<string?>(OpenCodeErrorCodes.Timeout, 3));
        router.GetStatistics().Instances[0].State.ShouldBe(InstanceHealthState.Unhealthy);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendMessage_LatencyWeightedWithOneSlowInstance_SendsMostRequestsToTheFastOne()
    {
        await using var slow = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Script = { FirstChunkDelay = TimeSpan.FromMilliseconds(500) } });
        await using var fast = await FakeOpenAiServer.StartAsync();
        var options = Options(("slow", slow), ("fast", fast));
        options.Routing.LoadBalancing = "latencyWeighted";
        await using var router = OpenCodeRouter.Create(options, random: new Random(3));
        await router.InitializeAsync(TestContext.Current.CancellationToken);

        var answeredBy = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            answeredBy.Add(await AnsweredByAsync(router));
        }

        // Discovery measures both alike; once the slow one has answered, its average time to first chunk keeps it mostly idle.
        // The weights (1 / latency) give the fast one well over 90% of the picks; 70% leaves room for a loaded machine's
        // slow first answers (JIT) that raise the fast one's average for a while.
        answeredBy.Count(n => n == "fast").ShouldBeGreaterThanOrEqualTo(21, string.Join(",", answeredBy));
        var stats = router.GetStatistics().Instances;
        stats[0].LatencyMs.ShouldBeGreaterThan(stats[1].LatencyMs);
    }

    [Fact(Timeout = 30_000)]
    public async Task SendMessage_InstanceFlapping_EveryRequestAnsweredAndInstanceGoesOutAndBackIn()
    {
        var time = new FakeTimeProvider();
        var flapScript = new FakeServerScript();
        await using var flapper = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Script = flapScript });
        await using var steady = await FakeOpenAiServer.StartAsync();
        var options = Options(("flapper", flapper), ("steady", steady));
        options.Routing.Health.ConsecutiveFailures = 1;
        await using var router = OpenCodeRouter.Create(options, timeProvider: time);
        await router.InitializeAsync(TestContext.Current.CancellationToken);
        var states = new List<InstanceHealthState>();
        var answeredBy = new List<string>();

        for (var cycle = 0; cycle < 3; cycle++)
        {
            flapScript.Down = true;
            for (var i = 0; i < 3; i++)
            {
                answeredBy.Add(await AnsweredByAsync(router));
            }

            states.Add(router.GetStatistics().Instances[0].State);
            flapScript.Down = false;
            time.Advance(TimeSpan.FromSeconds(options.Routing.Health.Cooldown));
            states.Add((await router.CheckHealthAsync(TestContext.Current.CancellationToken)).Instances[0].State);
            for (var i = 0; i < 2; i++)
            {
                answeredBy.Add(await AnsweredByAsync(router));
            }
        }

        states.ShouldBe([.. Enumerable.Repeat<InstanceHealthState[]>([InstanceHealthState.Unhealthy, InstanceHealthState.Healthy], 3).SelectMany(s => s)]);
        answeredBy.Count.ShouldBe(15);
        answeredBy.ShouldContain("flapper", "back in rotation after each recovery");
    }

    [Fact(Timeout = 30_000)]
    public async Task SendMessage_AllInstancesDown_OneTypedErrorListingEveryAttempt()
    {
        await using var sick = await FakeOpenAiServer.StartAsync(new FakeServerOptions { Script = { Down = true } });
        var gone = await FakeOpenAiServer.StartAsync();
        var options = Options(("sick", sick), ("gone", gone));
        await using var router = OpenCodeRouter.Create(options);
        await router.InitializeAsync(TestContext.Current.CancellationToken);
        await gone.DisposeAsync();

        var error = await Should.ThrowAsync<OpenCodeNoInstanceAvailableException>(
            () => router.SendMessageAsync(Ask(), TestContext.Current.CancellationToken).ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken));

        error.Attempts.Select(a => (a.Instance, a.ErrorCode)).ShouldBe(
            [("sick", OpenCodeErrorCodes.ServerError), ("gone", OpenCodeErrorCodes.ConnectionFailed)], ignoreOrder: true);
        error.Message.ShouldContain("sick");
        error.Message.ShouldContain("gone");
    }

    /// <summary>Sends one request; when the router sends it to <paramref name="slow"/>, advances the clock past the first-token timeout.</summary>
    private static async Task<CompletedMessage> AnswerPassingFirstTokenTimeoutOnSlowAsync(OpenCodeRouter router, FakeOpenAiServer slow, FakeTimeProvider time, TimeSpan firstTokenTimeout)
    {
        var ct = TestContext.Current.CancellationToken;
        var answer = router.SendMessageAsync(Ask(), ct).ToCompletedMessageAsync(cancellationToken: ct);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reachedSlow = slow.GenerationArrived.WaitAsync(stopWatching.Token);
        if (await Task.WhenAny(answer, reachedSlow) == reachedSlow)
        {
            time.Advance(firstTokenTimeout);
        }

        await stopWatching.CancelAsync();
        return await answer;
    }

    private static async Task<string> AnsweredByAsync(OpenCodeRouter router) =>
        (await router.SendMessageAsync(Ask(), TestContext.Current.CancellationToken).ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken))
        .Route!.Instance!;

    private static MessageRequest Ask() => new() { Messages = [Message.User("hello")], MaxTokens = 4 };

    private static OpenCodeOptions Options(params (string Name, FakeOpenAiServer Server)[] servers)
    {
        var options = new OpenCodeOptions { RateLimits = { RequestsPerMinute = 1000 } };
        foreach (var (name, server) in servers)
        {
            options.Instances.Add(new InstanceOptions { Name = name, ApiEndpoint = server.Url });
        }

        return options;
    }
}
