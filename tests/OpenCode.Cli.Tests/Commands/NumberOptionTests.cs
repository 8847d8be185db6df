namespace OpenCode.Cli.Tests.Commands;

/// <summary>Numeric options that do not parse or are out of range: a usage error naming the option, never a crash.</summary>
public sealed class NumberOptionTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("--max-tokens", "complete --endpoint http://127.0.0.1:9 --max-tokens abc x")]
    [InlineData("--max-tokens", "complete --endpoint http://127.0.0.1:9 --max-tokens 99999999999 x")]
    [InlineData("--max-tokens", "chat --endpoint http://127.0.0.1:9 --max-tokens -5 x")]
    [InlineData("--max-tokens", "infill --endpoint http://127.0.0.1:9 --max-tokens 1.5 x")]
    [InlineData("--temperature", "complete --endpoint http://127.0.0.1:9 --temperature abc x")]
    [InlineData("--temperature", "chat --endpoint http://127.0.0.1:9 --temperature NaN x")]
    [InlineData("--temperature", "chat --endpoint http://127.0.0.1:9 --temperature Infinity x")]
    [InlineData("--temperature", "chat --endpoint http://127.0.0.1:9 --temperature 2.5 x")]
    [InlineData("--days", "usage --days abc")]
    [InlineData("--days", "usage --days 99999999999")]
    [InlineData("--runs", "bench --endpoint http://127.0.0.1:9 --runs abc")]
    [InlineData("--runs", "bench --endpoint http://127.0.0.1:9 --runs 1e3")]
    public async Task Parse_NumberThatDoesNotParseOrFit_Exits2NamingTheOption(string option, string commandLine)
    {
        var result = await CliRun.RunAsync(commandLine.Split(' '));

        result.ExitCode.ShouldBe(2, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldStartWith("error: ");
        line.ShouldContain(option);
        result.Stderr.ShouldNotContain("   at ");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact(Timeout = 30_000)]
    public async Task Parse_TemperatureNotANumber_SaysWhatIsAllowed()
    {
        var result = await CliRun.RunAsync("chat", "--endpoint", "http://127.0.0.1:9", "--temperature", "NaN", "x");

        result.StderrLines.ShouldHaveSingleItem().ShouldContain("--temperature: 'NaN' is not a number; allowed 0 to 2");
    }
}
