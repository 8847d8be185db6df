using OpenCode.Configuration;
using OpenCode.Local.Server;

namespace OpenCode.Tests.Local;

public sealed class LocalLlamaServerUnitTests
{
    [Fact]
    public void Build_AllSettings_PassesThemAndBindsLoopbackOnly()
    {
        var startInfo = new LocalLlamaServerStartInfo
        {
            ModelPath = "/m/model.gguf",
            Options = new LocalServerOptions { ContextSize = 512, Parallel = 3, Threads = 2 },
            ApiKey = "secret-key",
            ModelAlias = "tiny",
            AdditionalArguments = ["--metrics"],
        };

        var arguments = LlamaServerArguments.Build(startInfo, 41234);

        string.Join(' ', arguments).ShouldBe(
            "--model /m/model.gguf --host 127.0.0.1 --port 41234 --parallel 3 --ctx-size 512 --threads 2 --alias tiny --metrics");
        arguments.ShouldNotContain("secret-key");
    }

    [Fact]
    public void Build_Defaults_LeavesContextAndThreadsToTheServer()
    {
        var arguments = LlamaServerArguments.Build(new LocalLlamaServerStartInfo { ModelPath = "m.gguf" }, 1);

        arguments.ShouldNotContain("--ctx-size");
        arguments.ShouldNotContain("--threads");
        arguments.ShouldContain("--parallel");
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(4, 2000)]
    [InlineData(5, 4000)]
    [InlineData(50, 4000)]
    public void Backoff_Attempts_DoublesUpToFourSeconds(int attempt, int expectedMilliseconds) =>
        LocalLlamaServer.Backoff(attempt).ShouldBe(TimeSpan.FromMilliseconds(expectedMilliseconds));

    [Fact]
    public void OutputTail_MoreLinesThanCapacity_KeepsTheLast()
    {
        var tail = new OutputTail(3);
        foreach (string line in new[] { "a", "b", "c", "d", "e" })
        {
            tail.Add(line);
        }

        tail.ToString().ShouldBe("c\nd\ne");
    }

    [Fact]
    public void FreePort_Find_ReturnsABindablePort()
    {
        int port = FreePort.Find();

        port.ShouldBeInRange(1, 65535);
        FreePort.IsFree(port).ShouldBeTrue();
    }

    [Fact]
    public async Task StartAsync_MissingModel_ThrowsLocalServerFailedNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.gguf");

        var exception = await Should.ThrowAsync<OpenCodeException>(
            () => LocalLlamaServer.StartAsync(path, new LocalServerOptions(), cancellationToken: TestContext.Current.CancellationToken));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain(path);
    }
}
