using System.Text;
using Microsoft.Extensions.Logging;
using OpenCode.Limits;

namespace OpenCode.Completion;

/// <summary>
/// Counts lines in the model's tokens with the server's tokenizer (llama.cpp <c>/tokenize</c>), caching each line's count, so a
/// document costs one tokenize request of its window when first seen, and one of its edited lines (the line being typed) after.
/// Where the server has no tokenizer, or tokenizing fails, <see cref="TokenEstimator"/>'s length heuristic counts instead.
/// </summary>
/// <remarks>
/// A line is counted with its line break. Counting lines apart can only over-count a whole text (a token never spans the joint of
/// two lines in the count, but may in the text), so a prompt cut to a budget by these counts stays within it.
/// </remarks>
internal sealed class TokenCounter(Func<string, CancellationToken, Task<IReadOnlyList<string>?>> tokenize, ILogger logger)
{
    private const int MaxCachedLines = 50_000;
    private readonly Dictionary<string, int> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _noTokenizer;

    /// <summary>Counts each text's tokens; <c>Exact</c> is <see langword="false"/> when any count is an estimate.</summary>
    public async Task<(int[] Counts, bool Exact)> CountAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var counts = new int[texts.Count];
        var missing = new List<int>();
        lock (_gate)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (_cache.TryGetValue(texts[i], out var count))
                {
                    counts[i] = count;
                }
                else
                {
                    missing.Add(i);
                }
            }
        }

        var exact = missing.Count == 0 || (!_noTokenizer && await TokenizeMissingAsync(texts, missing, counts, cancellationToken).ConfigureAwait(false));
        if (!exact)
        {
            foreach (var i in missing)
            {
                counts[i] = Estimate(texts[i]);
            }
        }

        return (counts, exact && !_noTokenizer);
    }

    /// <summary>The documented fallback: <see cref="TokenEstimator"/>'s characters-per-token rule.</summary>
    public static int Estimate(string text) => (int)TokenEstimator.EstimateCharacters(text.Length);

    private async Task<bool> TokenizeMissingAsync(IReadOnlyList<string> texts, List<int> missing, int[] counts, CancellationToken cancellationToken)
    {
        var joined = new StringBuilder();
        var starts = new int[missing.Count + 1];
        for (var k = 0; k < missing.Count; k++)
        {
            starts[k] = joined.Length;
            joined.Append(texts[missing[k]]);
        }

        starts[^1] = joined.Length;
        IReadOnlyList<string>? pieces;
        try
        {
            pieces = await tokenize(joined.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (OpenCodeException exception) when (!cancellationToken.IsCancellationRequested)
        {
            CompletionLog.TokenizeFailed(logger, exception.Code);
            return false;
        }

        if (pieces is null)
        {
            _noTokenizer = true;
            return false;
        }

        return Attribute(pieces, starts, missing, texts, counts);
    }

    /// <summary>Gives each token to the text its first character falls in; false when the pieces do not spell the text (bytes split across tokens).</summary>
    private bool Attribute(IReadOnlyList<string> pieces, int[] starts, List<int> missing, IReadOnlyList<string> texts, int[] counts)
    {
        var spelled = pieces.Sum(p => p.Length);
        // SentencePiece vocabularies put a space before the first word.
        var position = spelled == starts[^1] + 1 && pieces.Count > 0 && pieces[0].StartsWith(' ') ? -1 : 0;
        if (spelled != starts[^1] - position)
        {
            return false;
        }

        var perText = new int[missing.Count];
        var k = 0;
        foreach (var piece in pieces)
        {
            while (k < missing.Count - 1 && Math.Max(position, 0) >= starts[k + 1])
            {
                k++;
            }

            perText[k]++;
            position += piece.Length;
        }

        lock (_gate)
        {
            if (_cache.Count + missing.Count > MaxCachedLines)
            {
                _cache.Clear();
            }

            for (var j = 0; j < missing.Count; j++)
            {
                // A text whose tokens all merged into its neighbour's still costs at least one in its own prompt.
                counts[missing[j]] = Math.Max(perText[j], texts[missing[j]].Length > 0 ? 1 : 0);
                _cache[texts[missing[j]]] = counts[missing[j]];
            }
        }

        return true;
    }
}
