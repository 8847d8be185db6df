namespace OpenCode.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout and stderr and its own environment-variable prefix.</summary>
/// <remarks>
/// Each run reads settings from variables named <c>OCT{guid}_*</c> instead of <c>OPENCODE_*</c>, so tests that set
/// variables never see each other's, nor the machine's.
/// </remarks>
internal static class CliRun
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, environment: null, TestContext.Current.CancellationToken);

    /// <summary>Runs the CLI with <paramref name="stdin"/> as its (redirected) standard input.</summary>
    public static Task<CliResult> RunWithInputAsync(string stdin, params string[] args) => RunAsync(args, environment: null, TestContext.Current.CancellationToken, stdin);

    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, string? stdin = null)
    {
        var prefix = $"OCT{Guid.NewGuid():N}_";

        // Each run records its usage in a ledger of its own, never in the user's.
        environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (!environment.ContainsKey("USAGE_DB"))
        {
            environment = new Dictionary<string, string>(environment) { ["USAGE_DB"] = Path.Combine(Directory.CreateTempSubdirectory("opencode-ledger-").FullName, "usage.db") };
        }

        foreach (var (name, value) in environment)
        {
            Environment.SetEnvironmentVariable(prefix + name, value);
        }

        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exitCode = await CliApp.RunAsync(args, new CliContext(stdout, stderr, ErrorIsTerminal: false, prefix) { In = new StringReader(stdin ?? string.Empty) }, cancellationToken);
            return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            foreach (var name in environment.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }

    /// <summary>Writes a config file to a temp folder and returns its path.</summary>
    public static string ConfigFile(string json)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("opencode-cli-").FullName, "opencode.json");
        File.WriteAllText(path, json);
        return path;
    }
}

/// <summary>What one CLI run produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Gets the non-empty stderr lines.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout: {Stdout}{Environment.NewLine}stderr: {Stderr}";
}
