using System.Diagnostics;
using System.Net;
using OpenCode.Configuration;
using OpenCode.Local.Server;

namespace OpenCode.IntegrationTests.Local;

public sealed class LocalLlamaServerTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_DirectMode_HealthIs200AndTheProcessRuns()
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();

        await using var server = await fixture.StartAsync(fixture.DefaultModel, cancellationToken: cts.Token);

        server.BaseAddress.Host.ShouldBe("127.0.0.1");
        server.RestartCount.ShouldBe(0);
        using var process = Process.GetProcessById(server.ProcessId);
        process.HasExited.ShouldBeFalse();
        using var health = await http.GetAsync(new Uri(server.BaseAddress, "health"), cts.Token);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetSharedServerAsync_TwoCallers_GetTheSameRunningServer()
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();

        var first = await fixture.GetSharedServerAsync(cts.Token);
        var second = await fixture.GetSharedServerAsync(cts.Token);
        var props = await RawChatClient.GetJsonAsync(http, first.BaseAddress, "props", cts.Token);

        second.ShouldBeSameAs(first);
        props.GetProperty("total_slots").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task KillProcess_Supervisor_RestartsItAndItAnswersAgain()
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();
        await using var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { MaxRestarts = 2 }, cts.Token);
        int firstPid = server.ProcessId;
        var address = server.BaseAddress;

        await server.KillForTestingAsync();
        await server.EnsureRunningAsync(cts.Token);

        server.RestartCount.ShouldBe(1);
        server.ProcessId.ShouldNotBe(firstPid);
        server.BaseAddress.ShouldBe(address); // the port was free again, so it was kept
        server.HasFailed.ShouldBeFalse();
        var stream = await RawChatClient.StreamChatAsync(http, server.BaseAddress, "hello", 8, cts.Token);
        stream.FinishReason.ShouldBe("length");
        stream.ContentChunks.ShouldBe(8);
    }

    [Fact]
    public async Task KillProcess_MoreOftenThanMaxRestarts_EnsureRunningThrowsLocalServerFailed()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { MaxRestarts = 1 }, cts.Token);

        await server.KillForTestingAsync();
        await server.EnsureRunningAsync(cts.Token);
        await server.KillForTestingAsync();
        var exception = await Should.ThrowAsync<OpenCodeException>(() => server.EnsureRunningAsync(cts.Token));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("MaxRestarts");
        exception.Message.ShouldContain("listening on"); // the tail of the killed server's own output
        server.RestartCount.ShouldBe(1);
        server.HasFailed.ShouldBeTrue();
    }

    [Fact]
    public async Task KillProcess_ModelFileGone_RestartsFailUntilTheLimitAndTheErrorQuotesTheServer()
    {
        using var cts = TestDeadline.After(Deadline);
        string model = Path.Combine(fixture.WorkDirectory, $"vanishing-{Guid.NewGuid():N}.gguf");
        File.Copy(fixture.DefaultModel, model);
        await using var server = await fixture.StartAsync(model, new LocalServerOptions { MaxRestarts = 2 }, cts.Token);

        File.Delete(model);
        await server.KillForTestingAsync();
        var exception = await Should.ThrowAsync<OpenCodeException>(() => server.EnsureRunningAsync(cts.Token));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("failed to load model"); // llama-server's own output about the failed restart
        server.RestartCount.ShouldBe(2);
        server.HasFailed.ShouldBeTrue();
    }

    [Fact]
    public async Task DisposeAsync_RunningServer_TheProcessIsGone()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.StartAsync(fixture.DefaultModel, cancellationToken: cts.Token);
        int pid = server.ProcessId;

        await server.DisposeAsync();

        Should.Throw<ArgumentException>(() => Process.GetProcessById(pid));
        await Should.ThrowAsync<ObjectDisposedException>(() => server.EnsureRunningAsync(cts.Token));
    }

    [Fact]
    public async Task OnHostExit_WithoutDispose_KillsTheServerAndDoesNotRestartIt()
    {
        using var cts = TestDeadline.After(Deadline);
        await using var server = await fixture.StartAsync(fixture.DefaultModel, new LocalServerOptions { MaxRestarts = 3 }, cts.Token);
        int pid = server.ProcessId;

        server.OnHostExit(null, EventArgs.Empty);
        await server.Supervision.WaitAsync(cts.Token);
        await server.ProcessExited.WaitAsync(cts.Token);

        server.RestartCount.ShouldBe(0);
        server.ProcessId.ShouldBe(pid);
    }

    [Fact]
    public async Task StartAsync_MissingModelFile_ThrowsLocalServerFailedNamingThePath()
    {
        using var cts = TestDeadline.After(Deadline);
        string path = Path.Combine(fixture.WorkDirectory, "does-not-exist.gguf");

        var exception = await Should.ThrowAsync<OpenCodeException>(() => fixture.StartAsync(path, cancellationToken: cts.Token));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain(path);
    }

    [Fact]
    public async Task StartAsync_GarbageGguf_ThrowsLocalServerFailedWithTheServersLastOutput()
    {
        using var cts = TestDeadline.After(Deadline);
        string path = Path.Combine(fixture.WorkDirectory, "garbage.gguf");
        await File.WriteAllBytesAsync(path, [.. "GGUF"u8, .. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))], cts.Token);

        var exception = await Should.ThrowAsync<OpenCodeException>(() => fixture.StartAsync(path, cancellationToken: cts.Token));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("exited with code");
        exception.Message.ShouldContain("failed to load model"); // llama-server's own error lines
    }

    [Fact]
    public async Task StartAsync_ApiKey_ChatNeedsTheKeyButHealthDoesNot()
    {
        using var cts = TestDeadline.After(Deadline);
        using var http = RawChatClient.CreateHttpClient();
        var startInfo = new LocalLlamaServerStartInfo { ModelPath = fixture.DefaultModel, ApiKey = "test-key-123" };
        await using var server = await fixture.StartAsync(startInfo, cts.Token);

        using var health = await http.GetAsync(new Uri(server.BaseAddress, "health"), cts.Token);
        using var withoutKey = await http.GetAsync(new Uri(server.BaseAddress, "props"), cts.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "props"));
        request.Headers.Authorization = new("Bearer", "test-key-123");
        using var withKey = await http.SendAsync(request, cts.Token);

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        withoutKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withKey.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
