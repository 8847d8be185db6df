using OpenCode.Families;
using OpenCode.Models;
using OpenCode.Provider;

namespace OpenCode.Completion;

/// <summary>
/// Completion through <see cref="OpenCodeProvider.InfillAsync"/>: llama.cpp's <c>/infill</c> where the vocabulary has FIM tokens, else
/// Ollama's <c>suffix</c> or the family's FIM format; the server's <c>/tokenize</c> counts tokens.
/// </summary>
internal sealed class OpenCodeProviderBackend(OpenCodeProvider provider, string? model) : ICompletionBackend
{
    public async Task<CompletionTarget> DescribeAsync(CancellationToken cancellationToken)
    {
        var capabilities = await provider.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        if (model is not null && !string.Equals(model, capabilities.Model, StringComparison.Ordinal))
        {
            // Another model of a multi-model server: the provider formats it from its name's family, as here.
            var family = ModelFamilyDetector.FromName(model) ?? ModelFamily.Unknown;
            return new CompletionTarget(family, CompletionTarget.FormatFor(family, infillEndpoint: false), capabilities.ContextWindow, null, TokenizerMatchesModel: false);
        }

        var own = ModelFamily.FromId(capabilities.Family) ?? ModelFamily.Unknown;
        var infill = capabilities.SupportsInfillEndpoint == true;
        var slots = infill && capabilities.Dialect == ServerDialects.LlamaCpp ? capabilities.ParallelSlots ?? 1 : (int?)null;
        return new CompletionTarget(own, CompletionTarget.FormatFor(own, infill), capabilities.ContextWindow, slots, TokenizerMatchesModel: true);
    }

    public IAsyncEnumerable<MessageChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken) =>
        provider.InfillAsync(request, cancellationToken);

    public Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) =>
        provider.TokenizeAsync(text, cancellationToken);
}
