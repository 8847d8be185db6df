using System.Diagnostics;
using System.Globalization;
using OpenCode.Configuration;
using OpenCode.Local.Server;

namespace OpenCode.IntegrationTests.Local;

/// <summary>Drives <see cref="LocalLlamaServer"/> with a fake server that never becomes healthy.</summary>
public sealed class LocalLlamaServerFakeServerTests(LlamaServerFixture fixture)
{
    [Fact]
    public async Task StartAsync_ServerNeverHealthy_ThrowsAfterStartupTimeoutAndKillsIt()
    {
        FakeExecutables.SkipOnWindows();
        using var cts = TestDeadline.After(TimeSpan.FromSeconds(30));
        var (fake, pidFile) = WriteSilentServer();

        var stopwatch = Stopwatch.StartNew();
        var exception = await Should.ThrowAsync<OpenCodeException>(() => LocalLlamaServer.StartAsync(
            fixture.DefaultModel, new LocalServerOptions { ExecutablePath = fake, StartupTimeout = 1000 }, cancellationToken: cts.Token));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("StartupTimeout");
        exception.Message.ShouldContain("fake server loading");
        stopwatch.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        ShouldBeGone(await ReadPidAsync(pidFile, cts.Token));
    }

    [Fact]
    public async Task StartAsync_CancelledWhileStarting_ThrowsCancelledAndKillsIt()
    {
        FakeExecutables.SkipOnWindows();
        using var cts = TestDeadline.After(TimeSpan.FromSeconds(30));
        var (fake, pidFile) = WriteSilentServer();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Should.ThrowAsync<OperationCanceledException>(() => LocalLlamaServer.StartAsync(
            fixture.DefaultModel, new LocalServerOptions { ExecutablePath = fake }, cancellationToken: cancel.Token));

        ShouldBeGone(await ReadPidAsync(pidFile, cts.Token));
    }

    private (string Fake, string PidFile) WriteSilentServer()
    {
        string directory = Path.Combine(fixture.WorkDirectory, "fake-" + Guid.NewGuid().ToString("N"));
        string pidFile = Path.Combine(directory, "pid");
        string fake = FakeExecutables.Write(directory, "llama-server", $"echo $$ > '{pidFile}'\necho 'fake server loading' >&2\nexec sleep 60");
        return (fake, pidFile);
    }

    private static async Task<int> ReadPidAsync(string pidFile, CancellationToken cancellationToken) =>
        int.Parse((await File.ReadAllTextAsync(pidFile, cancellationToken)).Trim(), CultureInfo.InvariantCulture);

    private static void ShouldBeGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.HasExited.ShouldBeTrue($"process {pid} should have been killed");
        }
        catch (ArgumentException)
        {
            // Gone entirely: what we want.
        }
    }
}
