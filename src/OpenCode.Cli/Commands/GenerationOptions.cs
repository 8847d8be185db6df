using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary>The sampling options of <c>chat</c> and <c>complete</c>.</summary>
internal sealed class GenerationOptions
{
    public GenerationOptions()
    {
        MaxTokens.Description = "The most tokens to generate (default: the server's; 128 with the demo model).";
        MaxTokens.HelpName = "N";
        Temperature.Description = "The sampling temperature, 0 to 2 (default: the configured defaultTemperature, else the server's).";
        Temperature.HelpName = "T";
    }

    public Option<int?> MaxTokens { get; } = NumberOptions.Int("--max-tokens", 1, int.MaxValue);

    public Option<float?> Temperature { get; } = NumberOptions.Float("--temperature", 0, 2);

    public Option<string?> System { get; } = new("--system")
    {
        Description = "A system message sent before the prompt (chat only).",
        HelpName = "TEXT",
    };
}
