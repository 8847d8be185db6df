using System.Text.Json;
using OpenCode.Cli.Output;
using OpenCode.Local.TinyModels;

namespace OpenCode.Cli.Tests.Integration;

/// <summary>The CLI's default direct mode: the model runs in the CLI's own process, so no llama-server is needed or built.</summary>
public sealed class InProcessDirectModeTests
{
    [Fact(Timeout = 120_000)]
    public async Task Chat_NothingConfigured_UsesDemoModelInProcessAndSaysSoOnce()
    {
        var result = await CliRun.RunAsync(
            ["chat", "Write a function that reverses a string", "--max-tokens", "4"],
            new Dictionary<string, string> { ["LOCALSERVER__EXECUTABLEPATH"] = "/nonexistent/llama-server" },
            TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StderrLines.ShouldBe([DemoNotice.Text]);
        result.Stdout.Trim().ShouldNotBeEmpty();
    }

    [Fact(Timeout = 120_000)]
    public async Task Chat_ModelPathJson_RunsToLengthWithExactUsage()
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("opencode-cli-inproc-").FullName, "tiny-cli.gguf");
        TinyModelFactory.Write(new TinyModelSpec { Name = "tiny-cli" }, model);

        var result = await CliRun.RunAsync("chat", "Write hello world in C#.", "--model-path", model, "--json", "--max-tokens", "8");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        document.RootElement.GetProperty("finishReason").GetString().ShouldBe("length");
        document.RootElement.GetProperty("usage").GetProperty("completionTokens").GetInt32().ShouldBe(8);
        document.RootElement.GetProperty("model").GetString().ShouldBe("tiny-cli");
    }
}
