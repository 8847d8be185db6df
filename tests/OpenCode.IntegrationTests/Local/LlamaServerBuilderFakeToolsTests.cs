using OpenCode.Local;
using OpenCode.Local.Server;

namespace OpenCode.IntegrationTests.Local;

/// <summary>Runs the whole build sequence of <see cref="LlamaServerBuilder"/> against fake npm, git and cmake (the real build takes minutes).</summary>
public sealed class LlamaServerBuilderFakeToolsTests(LlamaServerFixture fixture)
{
    [Fact]
    public async Task BuildAsync_FakeTools_RunsEveryStepReportsPercentagesAndCachesTheBinary()
    {
        FakeExecutables.SkipOnWindows();
        using var cts = TestDeadline.After(TimeSpan.FromSeconds(60));
        var (tools, cache) = NewBuildFolders();
        FakeExecutables.Write(tools, "npm", """
            mkdir -p package/llama && echo bundle > package/llama/gitRelease.bundle
            tar czf node-llama-cpp-3.22.1.tgz package && rm -rf package
            """);
        FakeExecutables.Write(tools, "git", """
            mkdir -p "$4/models/templates" && echo vocab > "$4/models/ggml-vocab-fake.gguf" && echo t > "$4/models/templates/x.jinja"
            """);
        FakeExecutables.Write(tools, "cmake", """
            if [ "$1" = "--build" ]; then
              echo "[ 10%] Building C object ggml.c.o"; echo "[ 10%] Building C object ggml2.c.o"
              echo "[ 55%] Building CXX object server.cpp.o"; echo "[100%] Built target llama-server"
              mkdir -p "$2/bin" && printf '#!/bin/sh\necho built\n' > "$2/bin/llama-server"
            else
              echo "-- Configuring done"
            fi
            """);
        FakeExecutables.Write(tools, "c++", "exit 0");
        var progress = new List<string>();

        string binary = await new LlamaServerBuilder(EnvironmentWith(tools, cache)).BuildAsync(new ListProgress(progress), cts.Token);

        binary.ShouldBe(Path.Combine(cache, "llama-server", "de3ff81", "llama-server"));
        File.ReadAllText(binary).ShouldContain("echo built");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        }

        File.Exists(Path.Combine(cache, "vocab", "de3ff81", "ggml-vocab-fake.gguf")).ShouldBeTrue();
        File.Exists(Path.Combine(cache, "templates", "de3ff81", "x.jinja")).ShouldBeTrue();
        progress.Where(p => p.StartsWith("building llama-server:", StringComparison.Ordinal))
            .ShouldBe(["building llama-server: 10%", "building llama-server: 55%", "building llama-server: 100%"]);
        progress[^1].ShouldBe($"built: {binary}");
        Directory.GetDirectories(cache, "llama-build.*").ShouldBeEmpty(); // the work folder is removed
    }

    [Fact]
    public async Task BuildAsync_StepFails_ThrowsLocalServerFailedWithTheToolsOutput()
    {
        FakeExecutables.SkipOnWindows();
        using var cts = TestDeadline.After(TimeSpan.FromSeconds(60));
        var (tools, cache) = NewBuildFolders();
        FakeExecutables.Write(tools, "npm", "echo 'npm ERR! 404 Not Found' >&2; exit 1");
        FakeExecutables.Write(tools, "git", "exit 0");
        FakeExecutables.Write(tools, "cmake", "exit 0");
        FakeExecutables.Write(tools, "c++", "exit 0");

        var exception = await Should.ThrowAsync<OpenCodeException>(() => new LlamaServerBuilder(EnvironmentWith(tools, cache)).BuildAsync(null, cts.Token));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("npm ERR! 404 Not Found");
        exception.Message.ShouldContain("exit code 1");
    }

    private static LocalEnvironment EnvironmentWith(string tools, string cache) =>
        new(name => name switch { "PATH" => tools, "OPENCODE_CACHE_DIR" => cache, _ => null }, File.Exists);

    private (string Tools, string Cache) NewBuildFolders()
    {
        string root = Path.Combine(fixture.WorkDirectory, "build-" + Guid.NewGuid().ToString("N"));
        return (Path.Combine(root, "tools"), Path.Combine(root, "cache"));
    }

    private sealed class ListProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
