using OpenCode.Pipeline;

namespace OpenCode.Limits;

/// <summary>
/// Counts tokens for one endpoint: with the backend's tokenizer (llama.cpp's <c>/tokenize</c>, a model in process), else with
/// <see cref="TokenEstimator"/>'s documented heuristic. A backend that cannot tokenize is asked once, not on every count.
/// </summary>
internal sealed class TokenCounter(GenerationBackend backend)
{
    private volatile bool _backendCannot;

    public async Task<TokenCount> CountAsync(string text, CancellationToken cancellationToken)
    {
        if (!_backendCannot)
        {
            try
            {
                if (await backend.TokenizeAsync(text, cancellationToken).ConfigureAwait(false) is { } tokens)
                {
                    return new TokenCount(tokens.Count, IsExact: true);
                }

                _backendCannot = true;
            }
            catch (OpenCodeException) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed tokenize (server busy, restarting) falls back to the estimate for this count only.
            }
        }

        return new TokenCount(TokenEstimator.EstimateText(text), IsExact: false);
    }
}
