using OpenCode.Configuration;

namespace OpenCode.Cli.Configuration;

/// <summary>The settings a command runs with, after the config file, environment variables and command-line options.</summary>
/// <param name="Options">The validated provider options.</param>
/// <param name="IsDirect">Whether a local llama-server is started for <see cref="OpenCodeOptions.ModelPath"/> (no endpoint).</param>
/// <param name="IsDemo">Whether the model is the built-in demo model (nothing was configured).</param>
internal sealed record CliSettings(OpenCodeOptions Options, bool IsDirect, bool IsDemo)
{
    /// <summary>The answer length for the demo model when none is asked for: its output is noise, so keep it short.</summary>
    public const int DemoMaxTokens = 128;

    /// <summary>The request timeout in direct mode when none is configured: the most the settings allow.</summary>
    public const int DirectModeTimeout = 300_000;

    /// <summary>Gets the <c>--max-tokens</c> to use when none is given.</summary>
    public int? DefaultMaxTokens => IsDemo ? DemoMaxTokens : null;
}
