using OpenCode.Pipeline;

namespace OpenCode.Limits;

/// <summary>
/// The tokens to reserve for a request before it is sent: the prompt estimated from its length, plus the most it may generate.
/// The reservation is settled with the server's real count when the request ends, so the estimate only decides when to wait.
/// </summary>
internal static class TokenEstimator
{
    /// <summary>What a request without <c>max_tokens</c> reserves for its answer until the real count is known.</summary>
    public const int DefaultCompletionReservation = 256;

    // Code and English tokenize at roughly 3-4 characters per token in the BPE vocabularies of code models; 3 errs on the side of waiting.
    private const int CharactersPerToken = 3;
    private const int TokensPerMessage = 4;

    /// <summary>Estimates the tokens of a text where no tokenizer is at hand: one per three characters, rounded up.</summary>
    public static int EstimateText(string text) => FromCharacters(text.Length);

    /// <summary>The one heuristic of the library where no tokenizer is at hand: one token per three characters, rounded up.</summary>
    public static int FromCharacters(int characters) => (int)EstimateCharacters(characters);

    public static long Estimate(GenerationRequest wire)
    {
        if (wire.Embedding is { } embedding)
        {
            // Embeddings generate nothing: only the inputs count.
            return EstimateInputs(embedding);
        }

        long characters = wire.Prompt?.Length ?? 0;
        var overhead = 0;
        if (wire.Infill is { } infill)
        {
            characters += infill.Prefix.Length + infill.Suffix.Length;
            foreach (var file in infill.ExtraFiles)
            {
                characters += file.FileName.Length + file.Text.Length;
                overhead += TokensPerMessage;
            }
        }
        else if (wire.Prompt is null)
        {
            foreach (var message in wire.Request.Messages)
            {
                characters += message.Content.Length;
                overhead += TokensPerMessage;
            }
        }

        var completion = wire.Infill?.MaxTokens ?? wire.Request.MaxTokens ?? DefaultCompletionReservation;
        return EstimateCharacters(characters) + overhead + completion;
    }

    /// <summary>Estimates the tokens of an embeddings request's inputs (embeddings generate nothing, so only the inputs count).</summary>
    public static long EstimateInputs(EmbeddingRequest request) => EstimateCharacters(request.Inputs.Sum(input => (long)input.Length));

    /// <summary>The tokens a text of <paramref name="characters"/> characters is assumed to take when no tokenizer can count it (rounded up).</summary>
    public static long EstimateCharacters(long characters) => (characters + CharactersPerToken - 1) / CharactersPerToken;
}
