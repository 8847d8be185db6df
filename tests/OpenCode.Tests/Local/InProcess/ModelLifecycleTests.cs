using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.InProcess;
using OpenCode.Pipeline;

namespace OpenCode.Tests.Local.InProcess;

public sealed class ModelLifecycleTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Fact]
    public async Task Host_IdleLongerThanTimeout_UnloadsAndReloadsOnNextRequest()
    {
        var time = new FakeTimeProvider();
        await using var backend = Connect(time, new LocalServerOptions { IdleUnloadTimeout = 60_000, Threads = 1 }, out var host);
        host.IsLoaded.ShouldBeFalse();

        await Generate(backend);
        host.IsLoaded.ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(59));
        host.IsLoaded.ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(1));
        host.IsLoaded.ShouldBeFalse();

        await Generate(backend);
        host.IsLoaded.ShouldBeTrue();
        host.LoadCount.ShouldBe(2);
    }

    [Fact]
    public async Task Host_IdleTimeoutZero_StaysLoaded()
    {
        var time = new FakeTimeProvider();
        await using var backend = Connect(time, new LocalServerOptions { IdleUnloadTimeout = 0, Threads = 1 }, out var host);

        await Generate(backend);
        time.Advance(TimeSpan.FromDays(2));

        host.IsLoaded.ShouldBeTrue();
        host.LoadCount.ShouldBe(1);
    }

    [Fact]
    public async Task Acquire_BusyWithFullQueue_QueueFullAtOnce()
    {
        await using var backend = Connect(new FakeTimeProvider(), new LocalServerOptions { MaxQueuedRequests = 1, Threads = 1 }, out var host);
        var token = TestContext.Current.CancellationToken;
        using var holding = await host.AcquireAsync(token);
        var waiting = host.AcquireAsync(token);

        var ex = await Should.ThrowAsync<OpenCodeException>(() => host.AcquireAsync(token));

        ex.Code.ShouldBe(OpenCodeErrorCodes.QueueFull);
        waiting.IsCompleted.ShouldBeFalse();
        holding.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public async Task Acquire_CancelledWhileWaiting_FreesItsQueuePlace()
    {
        await using var backend = Connect(new FakeTimeProvider(), new LocalServerOptions { MaxQueuedRequests = 1, Threads = 1 }, out var host);
        using var holding = await host.AcquireAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var waiting = host.AcquireAsync(cts.Token);

        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        var next = host.AcquireAsync(TestContext.Current.CancellationToken);
        holding.Dispose();

        using var lease = await next;
        lease.Model.ShouldNotBeNull();
    }

    private InProcessBackend Connect(FakeTimeProvider time, LocalServerOptions local, out ModelHost host)
    {
        var options = new OpenCodeOptions { ModelPath = files.WithFim, LocalServer = local };
        var backend = (InProcessBackend)LocalModelBackendFactory.Instance.CreateBackend(
            new LocalModelContext(options, files.WithFim, _ => throw new InvalidOperationException("No server in process."), time, NullLoggerFactory.Instance));
        backend.ConnectAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        host = backend.Host!;
        return backend;
    }

    private static async Task Generate(GenerationBackend backend)
    {
        var request = new GenerationRequest(GenerationKind.Completion, null, new MessageRequest { Prompt = "x", MaxTokens = 2 }, "x");
        var chunks = await backend.GenerateAsync(request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        chunks[^1].Metadata.Usage!.CompletionTokens.ShouldBe(2);
    }
}
