using System.Globalization;
using System.Text;

namespace OpenCode.Cli.Output;

/// <summary>Prints <c>embed</c>'s vectors: per input its size and first values (or all as JSON), and the model and usage on stderr.</summary>
internal static class EmbeddingPrinter
{
    private const int ShownValues = 6;
    private const int ShownInputCharacters = 40;

    public static async Task PrintAsync(CliContext context, IReadOnlyList<string> inputs, EmbeddingResult result, bool json)
    {
        if (json)
        {
            await JsonOutput.WriteAsync(context.Out, EmbeddingJson.From(inputs, result), CliJsonContext.Default.EmbeddingJson);
        }
        else
        {
            for (var i = 0; i < result.Vectors.Count; i++)
            {
                await context.Out.WriteLineAsync(Line(i, inputs[i], result.Vectors[i].Span));
            }
        }

        var usage = result.Usage is { } u ? $", {u.PromptTokens} input tokens ({u.Source.ToString().ToLowerInvariant()})" : string.Empty;
        await context.Error.WriteLineAsync($"{result.Vectors.Count} vector(s) from {result.Model ?? "(unnamed model)"}{usage}");
    }

    private static string Line(int index, string input, ReadOnlySpan<float> vector)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{index}\t{vector.Length} dims\t[");
        for (var i = 0; i < Math.Min(ShownValues, vector.Length); i++)
        {
            line.Append(i == 0 ? string.Empty : ", ").Append(vector[i].ToString("0.#####", CultureInfo.InvariantCulture));
        }

        line.Append(vector.Length > ShownValues ? ", …]\t" : "]\t");
        var flat = input.ReplaceLineEndings(" ");
        return line.Append(flat.Length <= ShownInputCharacters ? flat : string.Concat(flat.AsSpan(0, ShownInputCharacters), "…")).ToString();
    }
}
