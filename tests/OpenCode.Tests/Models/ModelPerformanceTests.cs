using OpenCode.Collections;
using OpenCode.Models;
using OpenCode.Tests.Provider;

namespace OpenCode.Tests.Models;

public sealed class ModelPerformanceTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:8080/");

    [Fact]
    public void Snapshot_Samples_GivesPercentilesSpeedAndErrorRate()
    {
        var tracker = new ModelPerformanceTracker();
        for (var i = 1; i <= 100; i++)
        {
            // TTFT i ms, latency 10·i ms, 9·i ms of generation for 9·i tokens: 1000 tokens/s.
            tracker.RecordSuccess(Endpoint, "coder", TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(10 * i), 9 * i);
        }

        tracker.RecordFailure(Endpoint, "coder", TimeSpan.FromMilliseconds(5));
        var stats = tracker.GetSnapshot().Single();

        stats.Requests.ShouldBe(101);
        stats.Errors.ShouldBe(1);
        stats.ErrorRate.ShouldBe(1 / 101.0, 1e-9);
        stats.TimeToFirstTokenP50.ShouldBe(TimeSpan.FromMilliseconds(50));
        stats.TimeToFirstTokenP95.ShouldBe(TimeSpan.FromMilliseconds(95));
        stats.LatencyP50.ShouldBe(TimeSpan.FromMilliseconds(500));
        stats.LatencyP99.ShouldBe(TimeSpan.FromMilliseconds(990));
        stats.TokensPerSecond!.Value.ShouldBe(1000, 1e-6);
    }

    [Fact]
    public void Snapshot_Window_KeepsOnlyRecentRequestsPerModelAndEndpoint()
    {
        var tracker = new ModelPerformanceTracker(window: 10);
        for (var i = 0; i < 25; i++)
        {
            tracker.RecordFailure(Endpoint, "a", TimeSpan.FromMilliseconds(1));
        }

        tracker.RecordSuccess(new Uri("http://127.0.0.1:9090/"), "a", null, TimeSpan.FromMilliseconds(3), 0);

        var stats = tracker.GetSnapshot();
        stats.Count.ShouldBe(2);
        stats.Single(s => s.Endpoint == Endpoint).Requests.ShouldBe(10);
        stats.Single(s => s.Endpoint != Endpoint).TokensPerSecond.ShouldBeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Provider_Generations_AreMeasuredPerModel(bool streaming)
    {
        var server = new FakeLlamaServer();
        await using var provider = server.CreateProvider(o => o.Features.Streaming = streaming);

        await FakeLlamaServer.Collect(provider.SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")] }, TestContext.Current.CancellationToken));
        await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "a" }, TestContext.Current.CancellationToken)));

        var stats = provider.Performance.GetSnapshot().Single();
        stats.Model.ShouldBe("tiny-coder");
        stats.Requests.ShouldBe(1); // the refused infill never reached the server
        stats.Errors.ShouldBe(0);
        stats.LatencyP50.ShouldNotBeNull();
        stats.TimeToFirstTokenP50.ShouldNotBeNull();
    }

    [Fact]
    public async Task Provider_ServerAnswersWithAnError_CountsAsError()
    {
        // The vocabulary reports CodeLlama FIM tokens, but this fake's /infill answers 501.
        var server = new FakeLlamaServer { SpecialTokens = new HashSet<string> { "<PRE>", "<SUF>", "<MID>" } };
        await using var provider = server.CreateProvider();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => FakeLlamaServer.Collect(provider.InfillAsync(new InfillRequest { Prefix = "a" }, TestContext.Current.CancellationToken)));

        ex.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotImplemented);
        var stats = provider.Performance.GetSnapshot().Single();
        stats.Errors.ShouldBe(1);
        stats.ErrorRate.ShouldBe(1);
        stats.LatencyP50.ShouldBeNull();
    }

    [Fact]
    public void RecordSuccess_ThousandsOfModels_KeepsABoundedTable()
    {
        var tracker = new ModelPerformanceTracker(window: 10);
        for (var model = 0; model < 5_000; model++)
        {
            tracker.RecordSuccess(Endpoint, $"model-{model}", TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), 10);
        }

        var snapshot = tracker.GetSnapshot();
        snapshot.Count.ShouldBe(RecentlyUsedTable<string, int>.DefaultCapacity);
        snapshot.ShouldContain(p => p.Model == "model-4999");
    }
}
