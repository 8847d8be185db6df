using OpenCode.Routing;
using static OpenCode.Tests.Routing.RouterHarness;

namespace OpenCode.Tests.Routing;

public sealed class OpenCodeRouterFailoverTests
{
    [Fact]
    public async Task SendMessageAsync_ModelServedByOneInstance_GoesOnlyThere()
    {
        var a = new FakeInstance("a", "m1");
        var b = new FakeInstance("b", "m2");
        await using var router = Create([a, b]);

        var chunks = await router.CollectAsync(Ask("m2"));

        chunks[0].Content.ShouldBe("b");
        (a.Sent, b.Sent).ShouldBe((0, 1));
        chunks[^1].Metadata.Route!.Instance.ShouldBe("b");
    }

    [Fact]
    public async Task SendMessageAsync_FirstInstanceFailsBeforeFirstChunk_AnswersFromNextAndRecordsBothAttempts()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = FakeInstance.ConnectionFailed() };
        var b = new FakeInstance("b");
        await using var router = Create([a, b]);

        var chunks = await router.CollectAsync(Ask());

        string.Concat(chunks.Select(c => c.Content)).ShouldBe("b");
        var route = chunks[^1].Metadata.Route!;
        route.Instance.ShouldBe("b");
        route.Attempts.Select(x => (x.Instance, x.ErrorCode)).ShouldBe([("a", OpenCodeErrorCodes.ConnectionFailed), ("b", null)]);
        chunks.Take(chunks.Count - 1).ShouldAllBe(c => c.Metadata.Route == null);
    }

    [Fact]
    public async Task SendMessageAsync_InstanceLacksTheCapability_AnswersFromOneThatHasItWithoutMarkingItSick()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = new OpenCodeException(OpenCodeErrorCodes.CapabilityNotSupported, "tools need --jinja") };
        var b = new FakeInstance("b");
        await using var router = Create([a, b]);

        var chunks = await router.CollectAsync(Ask());
        for (var i = 0; i < 4; i++)
        {
            // More than healthCheck.consecutiveFailures (3): a missing capability says nothing about the server's health.
            await router.CollectAsync(Ask());
        }

        chunks[^1].Metadata.Route!.Attempts.Select(x => (x.Instance, x.ErrorCode)).ShouldBe([("a", OpenCodeErrorCodes.CapabilityNotSupported), ("b", null)]);
        var stats = router.GetStatistics().Instances.Single(i => i.Name == "a");
        stats.Failures.ShouldBe(5);
        stats.State.ShouldBe(InstanceHealthState.Healthy);
    }

    [Fact]
    public async Task SendMessageAsync_FailureAfterFirstChunk_ThrowsAndNeverRestartsElsewhere()
    {
        var a = new FakeInstance("a") { FailAfterFirstChunk = new OpenCodeException(OpenCodeErrorCodes.StreamInterrupted, "cut") };
        var b = new FakeInstance("b");
        await using var router = Create([a, b]);
        var seen = new List<string>();

        var error = await Should.ThrowAsync<OpenCodeException>(async () =>
        {
            await foreach (var chunk in router.SendMessageAsync(Ask(), TestContext.Current.CancellationToken))
            {
                seen.Add(chunk.Content);
            }
        });

        error.Code.ShouldBe(OpenCodeErrorCodes.StreamInterrupted);
        seen.ShouldBe(["a"]);
        b.Sent.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessageAsync_EveryInstanceFails_ThrowsOneTypedErrorListingTheAttempts()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = FakeInstance.ConnectionFailed() };
        var b = new FakeInstance("b") { FailBeforeFirstChunk = new OpenCodeException(OpenCodeErrorCodes.ServerError, "500", System.Net.HttpStatusCode.InternalServerError) };
        await using var router = Create([a, b]);

        var error = await Should.ThrowAsync<OpenCodeNoInstanceAvailableException>(() => router.CollectAsync(Ask()));

        error.Code.ShouldBe(OpenCodeErrorCodes.NoInstanceAvailable);
        error.Attempts.Select(x => x.Instance).Order().ShouldBe(["a", "b"]);
        error.Attempts.Select(x => x.ErrorCode).ShouldBe([OpenCodeErrorCodes.ConnectionFailed, OpenCodeErrorCodes.ServerError], ignoreOrder: true);
    }

    [Fact]
    public async Task SendMessageAsync_RequestRejectedAsInvalid_IsNotRetriedOnAnotherInstance()
    {
        var a = new FakeInstance("a") { FailBeforeFirstChunk = new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "bad") };
        var b = new FakeInstance("b") { FailBeforeFirstChunk = new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "bad") };
        await using var router = Create([a, b]);

        var error = await Should.ThrowAsync<OpenCodeException>(() => router.CollectAsync(Ask()));

        error.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        (a.Sent + b.Sent).ShouldBe(1);
    }

    [Fact]
    public async Task SendMessageAsync_ModelDownWithFallbackModel_AnswersWithFallbackAndSaysSo()
    {
        var big = new FakeInstance("big", "large") { FailBeforeFirstChunk = FakeInstance.ConnectionFailed() };
        var small = new FakeInstance("small", "small");
        await using var router = Create([big, small], configure: o => o.Routing.FallbackModel = "small");

        var chunks = await router.CollectAsync(Ask("large"));

        var route = chunks[^1].Metadata.Route!;
        route.FallbackModel.ShouldBe("small");
        route.Instance.ShouldBe("small");
        small.Requests.Single().Model.ShouldBe("small");
    }

    [Fact]
    public async Task SendMessageAsync_ModelNoInstanceServes_ThrowsModelNotFoundNamingServedModels()
    {
        await using var router = Create([new FakeInstance("a", "m1")]);

        var error = await Should.ThrowAsync<OpenCodeException>(() => router.CollectAsync(Ask("other")));

        error.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        error.Message.ShouldContain("m1");
    }

    [Fact]
    public async Task SendMessageAsync_Answered_CountsTokensPerInstanceAndModel()
    {
        var a = new FakeInstance("a", "m");
        await using var router = Create([a]);

        await router.CollectAsync(Ask());
        await router.CollectAsync(Ask());

        var stats = router.GetStatistics();
        stats.Instances.Single().ShouldSatisfyAllConditions(
            i => i.Requests.ShouldBe(2), i => i.PromptTokens.ShouldBe(6), i => i.CompletionTokens.ShouldBe(2), i => i.Cost.ShouldBeNull());
        stats.Models.Single().ShouldBe(new ModelStatistics("m", 2, 6, 2));
        stats.Instances.Single().Outstanding.ShouldBe(0);
    }

    [Fact]
    public async Task SendMessageAsync_OneInstanceSlowToDiscover_AnsweredByTheOthersAndInitializeWaitsForIt()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeInstance("slow") { DiscoveryGate = gate.Task };
        var quick = new FakeInstance("quick");
        await using var router = Create([slow, quick], configure: o => o.Routing.LoadBalancing = "roundRobin");

        (await router.CollectAsync(Ask()))[^1].Metadata.Route!.Instance.ShouldBe("quick");
        (await router.CollectAsync(Ask()))[^1].Metadata.Route!.Instance.ShouldBe("quick");
        var initialize = router.InitializeAsync(TestContext.Current.CancellationToken);
        initialize.IsCompleted.ShouldBeFalse();

        gate.SetResult();
        await initialize;
        var answered = new[] { await router.CollectAsync(Ask()), await router.CollectAsync(Ask()) }.Select(c => c[^1].Metadata.Route!.Instance);
        answered.ShouldContain("slow");
    }

    [Fact]
    public async Task InitializeAsync_NoInstanceReachable_ThrowsNoInstanceAvailable()
    {
        await using var router = Create([new FakeInstance("a") { FailDiscovery = FakeInstance.ConnectionFailed() }]);

        var error = await Should.ThrowAsync<OpenCodeNoInstanceAvailableException>(() => router.InitializeAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("a");
    }
}
