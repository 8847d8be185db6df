using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Models;
using OpenCode.Provider;

namespace OpenCode.IntegrationTests.Models;

/// <summary>llama-server in router mode (<c>--models-dir</c> with two copies of the tiny model): load states, load and unload through the provider.</summary>
public sealed class RouterModeTests(LlamaServerFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Provider_RouterMode_ListsStatesLoadsAndUnloads()
    {
        using var cts = TestDeadline.After(Deadline);
        var (process, endpoint) = await StartRouterAsync(cts.Token);
        try
        {
            await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = endpoint.ToString() });

            var initial = await provider.ListModelsAsync(cts.Token);
            await provider.LoadModelAsync("alpha", cts.Token);
            var afterLoad = await provider.ListModelsAsync(cts.Token);
            var answer = await provider.SendMessageAsync(new MessageRequest { Model = "alpha", Messages = [Message.User("hi")], MaxTokens = 3 }, cts.Token)
                .ToCompletedMessageAsync(cancellationToken: cts.Token);
            await provider.UnloadModelAsync("alpha", cts.Token);
            var afterUnload = await provider.ListModelsAsync(cts.Token);

            initial.Select(m => (m.Id, m.LoadState)).ShouldBe([("alpha", ModelLoadState.Unloaded), ("beta", ModelLoadState.Unloaded)]);
            afterLoad.Single(m => m.Id == "alpha").LoadState.ShouldBe(ModelLoadState.Loaded);
            afterLoad.Single(m => m.Id == "beta").LoadState.ShouldBe(ModelLoadState.Unloaded);
            answer.Usage!.CompletionTokens.ShouldBe(3);
            afterUnload.Single(m => m.Id == "alpha").LoadState.ShouldBe(ModelLoadState.Unloaded);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    [Fact]
    public async Task LoadModel_RouterModeUnknownModel_ModelNotFound()
    {
        using var cts = TestDeadline.After(Deadline);
        var (process, endpoint) = await StartRouterAsync(cts.Token);
        try
        {
            await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = endpoint.ToString() });

            var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.LoadModelAsync("gamma", cts.Token));

            ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
            ex.Message.ShouldContain("alpha");
        }
        finally
        {
            await StopAsync(process);
        }
    }

    [Fact]
    public async Task LoadModel_SingleModelServer_CapabilityNotSupported()
    {
        using var cts = TestDeadline.After(Deadline);
        var server = await fixture.GetSharedServerAsync(cts.Token);
        await using var provider = new OpenCodeProvider(new OpenCodeOptions { ApiEndpoint = server.BaseAddress.ToString() });

        var ex = await Should.ThrowAsync<OpenCodeException>(() => provider.LoadModelAsync("tiny-default", cts.Token));

        ex.Code.ShouldBe(OpenCodeErrorCodes.CapabilityNotSupported);
        (await provider.ListModelsAsync(cts.Token)).ShouldAllBe(m => m.LoadState == null);
    }

    private async Task<(Process Process, Uri Endpoint)> StartRouterAsync(CancellationToken cancellationToken)
    {
        var binary = fixture.RequireServer();
        var directory = Directory.CreateDirectory(Path.Combine(fixture.WorkDirectory, "router-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(fixture.DefaultModel, Path.Combine(directory, "alpha.gguf"));
        File.Copy(fixture.DefaultModel, Path.Combine(directory, "beta.gguf"));
        int port = FreePort.Find();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--models-dir", directory, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--models-max", "2", "-c", "512", "-t", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var tail = new ConcurrentQueue<string>();
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is { } line)
            {
                tail.Enqueue(line);
                while (tail.Count > 20)
                {
                    tail.TryDequeue(out string? _);
                }
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                try
                {
                    using var health = await http.GetAsync(new Uri(endpoint, "health"), cancellationToken);
                    if (health.IsSuccessStatusCode)
                    {
                        return (process, endpoint);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening yet, or too busy loading to answer within the probe's timeout.
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"llama-server in router mode exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch
        {
            // Started but never healthy (or the test gave up): the caller gets no process to stop, so stop it and its model children here.
            await StopAsync(process);
            throw;
        }
    }

    private static async Task StopAsync(Process process)
    {
        using (process)
        {
            if (!process.HasExited)
            {
                // The router runs each loaded model in a child process of its own.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
