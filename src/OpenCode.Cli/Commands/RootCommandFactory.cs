using System.CommandLine;

namespace OpenCode.Cli.Commands;

/// <summary>Builds the <c>opencode</c> command tree.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create(CliContext context)
    {
        var common = new CommonOptions();
        var root = new RootCommand("Use open-source code models behind an OpenAI-compatible server (llama.cpp, vLLM, Ollama, ...) or from a local GGUF file.")
        {
            ChatCommand.Create(context, common),
            CompleteCommand.Create(context, common),
            InfillCommand.Create(context, common),
            EmbedCommand.Create(context, common),
            ModelsCommand.Create(context, common),
            BenchCommand.Create(context, common),
            HealthCommand.Create(context, common),
            UsageCommand.Create(context, common),
            AuthCommand.Create(context, common),
        };

        // The assembly is OpenCode.Cli (see the project file); help should name the command people type.
        root.HelpName = "opencode";
        foreach (var option in common.All)
        {
            root.Options.Add(option);
        }

        return root;
    }
}
