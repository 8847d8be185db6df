using System.CommandLine;
using OpenCode.Cli.Output;

namespace OpenCode.Cli.Commands;

/// <summary>
/// <c>opencode embed TEXT…</c>: one embedding vector per text (or per line of standard input), printed as its size and first values, or
/// whole with <c>--json</c>; the model and usage go to stderr.
/// </summary>
internal static class EmbedCommand
{
    public static Command Create(CliContext context, CommonOptions common)
    {
        var texts = new Argument<string[]>("TEXT")
        {
            Description = "The texts to embed, one vector each; none reads one text per line from standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dimensions = NumberOptions.Int("--dimensions", 1, 65536);
        dimensions.Description = "The vector size to ask for, where the server can shorten its vectors (default: the model's own).";
        dimensions.HelpName = "N";
        var command = new Command("embed", "Turn texts into embedding vectors (/v1/embeddings, Ollama's /api/embed, or the local model).") { texts, dimensions };
        CommandExecution.SetAction(command, context, common, async (parseResult, session, cancellationToken) =>
        {
            var inputs = parseResult.GetValue(texts) is { Length: > 0 } given ? given : await ReadLinesAsync(context, cancellationToken);
            if (inputs.Count == 0)
            {
                throw new OpenCodeException(OpenCodeErrorCodes.InvalidRequest, "embed needs TEXT arguments, or lines of text on standard input.");
            }

            var request = new EmbeddingRequest { Inputs = inputs, Dimensions = parseResult.GetValue(dimensions) };
            var result = await EmbedAsync(session, request, cancellationToken);
            await EmbeddingPrinter.PrintAsync(context, inputs, result, session.Arguments.Json);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<EmbeddingResult> EmbedAsync(CommandSession session, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        if (!GenerationRunner.IsRouted(session))
        {
            await session.InitializeAsync(cancellationToken);
            return await session.Provider.GenerateEmbeddingsAsync(request, cancellationToken);
        }

        var router = GenerationRunner.CreateRouter(session);
        await using (router)
        {
            await router.InitializeAsync(cancellationToken);
            return await router.GenerateEmbeddingsAsync(request, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (context.InIsTerminal)
        {
            return [];
        }

        var lines = new List<string>();
        while (await context.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
