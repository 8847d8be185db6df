using System.CommandLine;
using System.Globalization;

namespace OpenCode.Cli.Commands;

/// <summary>The sampling options of <c>chat</c> and <c>complete</c>.</summary>
internal sealed class GenerationOptions
{
    public GenerationOptions()
    {
        MaxTokens.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int value && value < 1)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--max-tokens: {value} is out of range; allowed 1 or more"));
            }
        });
        Temperature.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<float?>() is float value && value is < 0 or > 2)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--temperature: {value} is out of range; allowed 0 to 2"));
            }
        });
    }

    public Option<int?> MaxTokens { get; } = new("--max-tokens")
    {
        Description = "The most tokens to generate (default: the server's; 128 with the demo model).",
        HelpName = "N",
    };

    public Option<float?> Temperature { get; } = new("--temperature")
    {
        Description = "The sampling temperature, 0 to 2 (default: the configured defaultTemperature, else the server's).",
        HelpName = "T",
    };

    public Option<string?> System { get; } = new("--system")
    {
        Description = "A system message sent before the prompt (chat only).",
        HelpName = "TEXT",
    };
}
