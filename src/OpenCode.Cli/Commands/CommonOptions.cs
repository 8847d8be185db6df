using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary>The options every command takes: where the model is, how to authenticate, and how to print.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "The server's base URL (OpenAI-compatible, with or without /v1). Overrides OPENCODE_APIENDPOINT and the config file.",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> ModelPath { get; } = new("--model-path")
    {
        Description = "A local GGUF model file to serve with a llama-server started for it (direct mode).",
        HelpName = "FILE.gguf",
        Recursive = true,
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "The model id to use; defaults to the configured one, else the server's first.",
        HelpName = "ID",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key sent as a bearer token. Prefer the OPENCODE_API_KEY environment variable: command lines are visible to other users.",
        HelpName = "KEY",
        Recursive = true,
    };

    public Option<string?> Credential { get; } = new("--credential")
    {
        Description = "The name of a stored credential (opencode auth set NAME) to authenticate with; overrides auth.credential.",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A JSON config file (docs/opencode.schema.json). Environment variables OPENCODE_* override it; options override both.",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON object (or array) instead of text.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log to stderr at Debug and show full exceptions.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Endpoint, ModelPath, Model, ApiKey, Credential, Config, Json, Verbose];

    public CommonArguments Read(ParseResult parseResult) => new(
        parseResult.GetValue(Endpoint),
        parseResult.GetValue(ModelPath),
        parseResult.GetValue(Model),
        parseResult.GetValue(ApiKey),
        parseResult.GetValue(Config),
        parseResult.GetValue(Json),
        parseResult.GetValue(Verbose))
    { Credential = parseResult.GetValue(Credential) };
}
