using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary>Builds the <c>opencode</c> command tree.</summary>
internal static class RootCommandFactory
{
    private static readonly (string Name, Func<CliContext, CommonOptions, Command> Create)[] Commands =
    [
        ("chat", ChatCommand.Create),
        ("complete", CompleteCommand.Create),
        ("infill", InfillCommand.Create),
        ("embed", EmbedCommand.Create),
        ("models", ModelsCommand.Create),
        ("bench", BenchCommand.Create),
        ("health", HealthCommand.Create),
        ("usage", UsageCommand.Create),
        ("auth", AuthCommand.Create),
    ];

    /// <summary>Builds the tree for <paramref name="args"/>: when they start with a command's name, only that command is built.</summary>
    /// <remarks>
    /// Every other command's options would be built only to be ignored (a fifth of a start before the first request); root help,
    /// a typo's suggestions and anything else that is not a command's name get the whole tree.
    /// </remarks>
    public static RootCommand Create(CliContext context, IReadOnlyList<string> args)
    {
        var named = args.Count > 0 ? Array.FindIndex(Commands, c => c.Name == args[0]) : -1;
        var common = new CommonOptions();
        var root = new RootCommand("Use open-source code models behind an OpenAI-compatible server (llama.cpp, vLLM, Ollama, ...) or from a local GGUF file.");
        foreach (var (_, create) in named >= 0 ? Commands.AsSpan(named, 1) : Commands)
        {
            root.Subcommands.Add(create(context, common));
        }

        // The assembly is OpenCode.Cli (see the project file); help should name the command people type.
        root.HelpName = "opencode";
        foreach (var option in common.All)
        {
            root.Options.Add(option);
        }

        return root;
    }
}
