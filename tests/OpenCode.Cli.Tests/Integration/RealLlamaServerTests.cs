using System.Text.Json;
using OpenCode.Cli.Output;
using OpenCode.Configuration;
using OpenCode.Local.Server;
using OpenCode.Local.TinyModels;

namespace OpenCode.Cli.Tests.Integration;

/// <summary>The CLI in direct mode's server sub-mode against the real llama-server (skipped without the binary, failed when <c>CI=true</c>).</summary>
public sealed class RealLlamaServerTests
{
    [Fact(Timeout = 120_000)]
    public async Task Chat_ModelPathJsonMaxTokens8_RunsToLengthWith8CompletionTokens()
    {
        RequireLlamaServer();
        var model = Path.Combine(Directory.CreateTempSubdirectory("opencode-cli-it-").FullName, "tiny-cli.gguf");
        TinyModelFactory.Write(new TinyModelSpec { Name = "tiny-cli" }, model);

        var result = await CliRun.RunAsync(
            ["chat", "Write hello world in C#.", "--model-path", model, "--json", "--max-tokens", "8"],
            new Dictionary<string, string> { ["LOCALSERVER__MODE"] = "server" },
            TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        root.GetProperty("finishReason").GetString().ShouldBe("length");
        root.GetProperty("usage").GetProperty("completionTokens").GetInt32().ShouldBe(8);
        root.GetProperty("content").GetString().ShouldNotBeNullOrEmpty();
        result.Stderr.ShouldNotContain(DemoNotice.Text);
    }

    private static void RequireLlamaServer()
    {
        string? binary;
        try
        {
            binary = new LlamaServerLocator().Locate(new LocalServerOptions());
        }
        catch (OpenCodeException exception)
        {
            binary = null;
            SkipUnlessCi(exception.Message);
        }

        if (binary is null)
        {
            SkipUnlessCi("No llama-server binary on OPENCODE_LLAMA_SERVER, PATH or the cache; run eng/build-llama-server.sh.");
        }
    }

    private static void SkipUnlessCi(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true requires a llama-server binary. " + reason);
        }

        Assert.Skip(reason);
    }
}
