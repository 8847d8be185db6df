using OpenCode.Cli.Commands;

namespace OpenCode.Cli.Tests.Commands;

public sealed class RootCommandFactoryTests
{
    private static readonly string[] AllCommands = ["chat", "complete", "infill", "embed", "models", "bench", "health", "usage", "auth"];

    [Fact]
    public void Create_ArgumentsStartWithACommand_BuildsOnlyThatCommand()
    {
        var root = RootCommandFactory.Create(Context(), ["models", "--endpoint", "http://127.0.0.1:1"]);

        root.Subcommands.Select(c => c.Name).ShouldBe(["models"]);
        root.Options.Select(o => o.Name).ShouldContain("--endpoint");
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("chta", "hi")]
    public void Create_ArgumentsNameNoCommand_BuildsEveryCommand(params string[] args)
    {
        var root = RootCommandFactory.Create(Context(), args);

        root.Subcommands.Select(c => c.Name).ShouldBe(AllCommands);
    }

    [Fact(Timeout = 30_000)]
    public async Task RootHelp_ListsEveryCommand()
    {
        var result = await CliRun.RunAsync("--help");

        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var command in AllCommands)
        {
            result.Stdout.ShouldContain($"  {command} ");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task MistypedCommand_IsAUsageErrorNamingIt()
    {
        var result = await CliRun.RunAsync("chta", "hi");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("chta");
    }

    private static CliContext Context() => new(TextWriter.Null, TextWriter.Null, ErrorIsTerminal: false, "OCTUNUSED_");
}
