using OpenCode.Families;

namespace OpenCode.Completion;

/// <summary>
/// Completion through any <see cref="IAIProvider"/>: the family's FIM prompt (repository-level where it has one) sent as a plain
/// completion with the family's stop tokens; no tokenizer, so token counts are estimated.
/// </summary>
internal sealed class PromptProviderBackend(IAIProvider provider, string? model) : ICompletionBackend
{
    private ModelFamily _family = ModelFamily.Unknown;

    public async Task<CompletionTarget> DescribeAsync(CancellationToken cancellationToken)
    {
        var capabilities = await provider.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        _family = (model is null ? ModelFamily.FromId(capabilities.Family) : ModelFamilyDetector.FromName(model)) ?? ModelFamily.Unknown;
        if (_family.Fim is null)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported,
                $"Model '{model ?? capabilities.Model}' cannot fill in the middle: the {_family.Name} family has no fill-in-the-middle format.");
        }

        return new CompletionTarget(_family, CompletionTarget.FormatFor(_family, infillEndpoint: false), capabilities.ContextWindow, null, TokenizerMatchesModel: false);
    }

    public IAsyncEnumerable<MessageChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken)
    {
        var fim = _family.Fim ?? throw new InvalidOperationException("DescribeAsync must run first.");
        return provider.SendMessageAsync(fim.ToCompletionRequest(request) with { Mode = CompletionMode.Completion, Model = request.Model }, cancellationToken);
    }

    public Task<IReadOnlyList<string>?> TokenizeAsync(string text, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>?>(null);
}
