using OpenCode.Local;
using OpenCode.Local.Server;

namespace OpenCode.Tests.Local;

public sealed class LlamaServerBuilderTests
{
    [Theory]
    [InlineData("[ 42%] Building CXX object tools/server/CMakeFiles/llama-server.dir/server.cpp.o", true, 42)]
    [InlineData("[100%] Built target llama-server", true, 100)]
    [InlineData("[  0%] Generating build details from Git", true, 0)]
    [InlineData("  [  7%] Linking C static library libggml-base.a", true, 7)]
    [InlineData("-- Configuring done", false, 0)]
    [InlineData("[abc%] nope", false, 0)]
    [InlineData("[ 42 ] nope", false, 0)]
    [InlineData("[", false, 0)]
    public void TryParsePercent_CMakeLines_ReadsThePercentage(string line, bool parsed, int percent)
    {
        BuildProgressParser.TryParsePercent(line, out int actual).ShouldBe(parsed);
        actual.ShouldBe(percent);
    }

    [Theory]
    [InlineData("npm")]
    [InlineData("git")]
    [InlineData("cmake")]
    [InlineData("c++")]
    public void FindTools_ToolMissing_ThrowsLocalServerFailedNamingIt(string missing)
    {
        string[] all = ["npm", "git", "cmake", "c++", "g++", "clang++"];
        var present = all.Where(t => missing == "c++" ? !t.EndsWith("++", StringComparison.Ordinal) : t != missing)
            .Select(t => "/usr/bin/" + t).ToHashSet();
        var builder = new LlamaServerBuilder(new LocalEnvironment(name => name == "PATH" ? "/usr/bin" : null, present.Contains));

        var exception = Should.Throw<OpenCodeException>(() => builder.FindTools());

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain($"'{missing}");
    }

    [Fact]
    public async Task BuildAsync_AlreadyCached_ReturnsTheCachedBinaryWithoutBuilding()
    {
        const string cached = "/c/opencode/llama-server/de3ff81/llama-server";
        var builder = new LlamaServerBuilder(new LocalEnvironment(name => name == "OPENCODE_CACHE_DIR" ? "/c/opencode" : null, path => path == cached));
        var progress = new List<string>();

        string path = await builder.BuildAsync(new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);

        path.ShouldBe(cached);
        progress.ShouldBe([$"cached: {cached}"]);
    }

    [Fact]
    public void ConfigureArguments_MatchTheBuildScript_NoWebUiDownload()
    {
        var arguments = LlamaServerBuilder.ConfigureArguments("/src", "/src/build");

        arguments.ShouldContain("-DLLAMA_BUILD_UI=OFF");
        arguments.ShouldContain("-DLLAMA_USE_PREBUILT_UI=OFF");
        arguments.ShouldContain("-DBUILD_SHARED_LIBS=OFF");
        arguments.ShouldContain("-DCMAKE_BUILD_TYPE=Release");
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
