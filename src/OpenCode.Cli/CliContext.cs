namespace OpenCode.Cli;

/// <summary>Where the CLI writes and reads: its output streams, whether stderr is a terminal, and the prefix of its environment variables.</summary>
/// <param name="Out">Standard output: answers, tables, JSON.</param>
/// <param name="Error">Standard error: notices, progress, errors, logs.</param>
/// <param name="ErrorIsTerminal">Whether standard error is an interactive terminal (spinners and colour are used only then).</param>
/// <param name="EnvironmentPrefix">The prefix of the environment variables read as settings; tests use a unique one.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, string EnvironmentPrefix)
{
    public const string DefaultEnvironmentPrefix = "OPENCODE_";

    /// <summary>Gets standard input, where <c>opencode auth set</c> reads a secret (never from the command line).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Gets a value indicating whether standard input is an interactive terminal (a secret is then read without echo).</summary>
    public bool InIsTerminal { get; init; }

    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected, DefaultEnvironmentPrefix) { In = Console.In, InIsTerminal = !Console.IsInputRedirected };
}
