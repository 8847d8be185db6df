using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.Server;

namespace OpenCode.Tests.Local;

public sealed class LlamaServerLocatorTests
{
    private const string Configured = "/opt/configured/llama-server";
    private const string FromVariable = "/opt/env/llama-server";
    private const string OnPath = "/usr/local/bin/llama-server";
    private const string Cached = "/cache/opencode/llama-server/de3ff81/llama-server";

    [Theory]
    [InlineData(true, true, true, true, Configured)]
    [InlineData(false, true, true, true, FromVariable)]
    [InlineData(false, false, true, true, OnPath)]
    [InlineData(false, false, false, true, Cached)]
    [InlineData(false, false, false, false, null)]
    public void Locate_Candidates_TakesTheFirstInOrder(bool configured, bool variable, bool onPath, bool cached, string? expected)
    {
        var files = new HashSet<string> { Configured, FromVariable };
        if (onPath)
        {
            files.Add(OnPath);
        }

        if (cached)
        {
            files.Add(Cached);
        }

        var variables = new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/usr/local/bin", ["OPENCODE_CACHE_DIR"] = "/cache/opencode" };
        if (variable)
        {
            variables[LlamaServerLocator.EnvironmentVariable] = FromVariable;
        }

        var locator = new LlamaServerLocator(new LocalEnvironment(variables.GetValueOrDefault, files.Contains));

        locator.Locate(new LocalServerOptions { ExecutablePath = configured ? Configured : null }).ShouldBe(expected);
    }

    [Fact]
    public void Locate_ConfiguredPathMissing_ThrowsLocalServerFailedNamingTheSetting()
    {
        var locator = new LlamaServerLocator(new LocalEnvironment(_ => null, _ => false));

        var exception = Should.Throw<OpenCodeException>(() => locator.Locate(new LocalServerOptions { ExecutablePath = "/nope/llama-server" }));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("localServer.executablePath");
        exception.Message.ShouldContain("/nope/llama-server");
    }

    [Fact]
    public async Task LocateOrBuildAsync_NothingFoundAndNoBuild_ExplainsHowToGetOne()
    {
        var locator = new LlamaServerLocator(new LocalEnvironment(_ => null, _ => false));

        var exception = await Should.ThrowAsync<OpenCodeException>(
            () => locator.LocateOrBuildAsync(new LocalServerOptions(), null, TestContext.Current.CancellationToken));

        exception.Code.ShouldBe(OpenCodeErrorCodes.LocalServerFailed);
        exception.Message.ShouldContain("localServer.executablePath");
        exception.Message.ShouldContain("OPENCODE_LLAMA_SERVER");
        exception.Message.ShouldContain("PATH");
        exception.Message.ShouldContain("eng/build-llama-server.sh");
    }

    [Theory]
    [InlineData("/explicit", null, "/explicit")]
    [InlineData(null, "/xdg", "/xdg/opencode")]
    [InlineData(null, null, "/home/me/.cache/opencode")]
    public void CacheRoot_Variables_FollowTheBuildScript(string? explicitRoot, string? xdg, string expected)
    {
        var variables = new Dictionary<string, string?> { ["OPENCODE_CACHE_DIR"] = explicitRoot, ["XDG_CACHE_HOME"] = xdg, ["HOME"] = "/home/me" };

        new LocalEnvironment(variables.GetValueOrDefault, _ => false).CacheRoot.ShouldBe(expected);
    }
}
